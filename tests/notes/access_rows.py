"""Authorization rows for the notes pages, the timeline and the notes API (see
tests/matrix.py).

Notes are clinical: the care team and the treating clinician's supervisor; the intake
worker and the admin 403 (their role does not cover clinical content); anyone else 404.
Pages that write are for clinicians and supervisors only, so the privacy officer is
refused by role (403) before any client is looked up. The matrix's note is a record
draft by the treating clinician; psychotherapy notes (author only, 404 to everyone
else) have their own tests in test_psychotherapy_notes.py.
"""

from caseload.notes import services
from matrix import ADMIN_ONLY, API_CLINICAL, CLINICAL, DENIED, HIDDEN, NO_TOKEN, OK, row

CLINICAL_WRITE = row(
    default=HIDDEN,
    clinician=OK,
    colleague=OK,
    supervisor=OK,
    intake=DENIED,
    admin=DENIED,
    privacy_officer=DENIED,
)
CLINICAL_ROLES_ONLY = row(
    default=DENIED, clinician=OK, colleague=OK, supervisor=OK, other_supervisor=OK, outsider=OK
)
SUPERVISORS_ONLY = row(default=DENIED, supervisor=OK, other_supervisor=OK)

ROWS = {
    ("notes:list", "get"): CLINICAL,
    ("notes:new", "get"): CLINICAL_WRITE,
    ("notes:new", "post"): CLINICAL_WRITE,  # empty form: 400, nothing written
    ("notes:note", "get"): CLINICAL,
    ("notes:save", "post"): CLINICAL_WRITE,
    ("notes:sign", "post"): CLINICAL_WRITE,  # no version: 400, not signed
    ("notes:amend", "post"): CLINICAL_WRITE,
    ("notes:started", "post"): CLINICAL_WRITE,
    # Co-signing: supervisors by role (403 for the rest); the treating clinician's
    # supervisor reaches the note (a draft: refused with a message), another 404.
    ("notes:cosign", "post"): row(default=DENIED, supervisor=OK, other_supervisor=HIDDEN),
    ("notes:cosign_queue", "get"): SUPERVISORS_ONLY,
    ("notes:private", "get"): CLINICAL_ROLES_ONLY,
    ("notes:consistency", "get"): CLINICAL_ROLES_ONLY,
    ("notes:settings", "get"): ADMIN_ONLY,
    ("notes:settings_save", "post"): ADMIN_ONLY,
    ("clients:timeline", "get"): CLINICAL,
}

API_ROWS = {
    ("api:client_notes", "get"): API_CLINICAL,
    ("api:client_note_create", "post"): API_CLINICAL,
    ("api:note_detail", "get"): API_CLINICAL,
    ("api:note_update", "patch"): API_CLINICAL,
    # Only the author signs: the care team and the supervisor may read it, not sign it.
    ("api:note_sign", "post"): row(
        NO_TOKEN,
        default=HIDDEN,
        clinician=OK,
        colleague=DENIED,
        supervisor=DENIED,
        intake=DENIED,
        admin=DENIED,
    ),
    ("api:note_amend", "post"): API_CLINICAL,  # a draft: 422, nothing added
}
API_BODIES = {
    "api:client_note_create": {"kind": "contact", "body": "Phoned to rebook."},
    "api:note_update": {"body": {"data": "Matrix change."}, "version": 1},
    "api:note_amend": {"text": "Matrix amendment."},
}
KWARGS = {"note_id": "note"}


def world_extras(world) -> dict:
    from datetime import timedelta

    from caseload.core import clock

    note = services.note_create(
        acting_user=world["clinician"],
        client=world["client"],
        kind="progress",
        occurred_at=clock.now() - timedelta(hours=1),
        sections={"data": "Talked about sleep."},
    )
    return {"note": note}
