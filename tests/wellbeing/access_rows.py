"""The wellbeing app's rows in the authorization matrix (tests/matrix.py).

Hazards: a self-check reached by anyone but its owner (H-050), a
supervisor reaching someone they do not supervise, and the door for contacts (H-001)."""

import datetime

from matrix import API_CLINICAL, DENIED, HIDDEN, LOGIN, NO_TOKEN, OK, row

PROFESSIONALS = row(
    default=DENIED, clinician=OK, colleague=OK, supervisor=OK, other_supervisor=OK, outsider=OK
)
OWNER_ONLY = row(
    default=DENIED,
    clinician=OK,
    colleague=HIDDEN,
    supervisor=HIDDEN,
    other_supervisor=HIDDEN,
    outsider=HIDDEN,
)
SUPERVISION_PARTIES = row(
    default=DENIED,
    clinician=OK,
    supervisor=OK,
    colleague=HIDDEN,
    other_supervisor=HIDDEN,
    outsider=HIDDEN,
)
# Only a supervisor, and only for the people they supervise.
SUPERVISOR_OF_CLINICIAN = row(default=DENIED, supervisor=OK, other_supervisor=HIDDEN)
CONTACTS_PAGE = row(
    default=HIDDEN,
    clinician=OK,
    colleague=OK,
    supervisor=OK,
    intake=DENIED,
    admin=DENIED,
    privacy_officer=DENIED,
)

ROWS = {
    ("wellbeing:home", "get"): PROFESSIONALS,
    ("wellbeing:self_check_new", "get"): PROFESSIONALS,
    ("wellbeing:self_check_new", "post"): PROFESSIONALS,
    ("wellbeing:self_check", "get"): OWNER_ONLY,
    ("wellbeing:team", "get"): row(default=DENIED, supervisor=OK, other_supervisor=OK, admin=OK),
    ("wellbeing:workload", "get"): PROFESSIONALS,
    ("wellbeing:supervisee_workload", "get"): SUPERVISOR_OF_CLINICIAN,
    ("wellbeing:assignment", "get"): row(default=DENIED, intake=OK, admin=OK),
    ("wellbeing:settings", "get"): row(default=DENIED, admin=OK),
    ("wellbeing:settings", "post"): row(default=DENIED, admin=OK),
    ("wellbeing:contacts", "get"): CONTACTS_PAGE,
    ("wellbeing:contacts", "post"): CONTACTS_PAGE,
    ("wellbeing:boundaries", "get"): PROFESSIONALS,
    ("wellbeing:boundaries", "post"): PROFESSIONALS,
    ("wellbeing:boundary_flag", "post"): OWNER_ONLY,
    ("wellbeing:supervision", "get"): PROFESSIONALS,
    ("wellbeing:supervision_new", "get"): SUPERVISOR_OF_CLINICIAN,
    ("wellbeing:supervision_new", "post"): SUPERVISOR_OF_CLINICIAN,
    ("wellbeing:supervision_session", "get"): SUPERVISION_PARTIES,
    ("wellbeing:supervision_session", "post"): SUPERVISION_PARTIES,
    ("wellbeing:action_done", "post"): SUPERVISION_PARTIES,
}

API_PROFESSIONALS = row(
    NO_TOKEN,
    default=DENIED,
    clinician=OK,
    colleague=OK,
    supervisor=OK,
    other_supervisor=OK,
    outsider=OK,
)
API_CONTACTS = API_CLINICAL
API_ROWS = {
    ("api:self_checks", "get"): API_PROFESSIONALS,
    ("api:self_check_take", "post"): API_PROFESSIONALS,
    ("api:my_workload", "get"): API_PROFESSIONALS,
    ("api:client_contacts", "get"): API_CONTACTS,
    ("api:client_contact_log", "post"): API_CONTACTS,
}
API_BODIES = {
    "api:self_check_take": {"instrument": "who5", "answers": [3, 3, 3, 3, 3]},
    "api:client_contact_log": {
        "channel": "phone",
        "initiated_by": "client",
        "started_at": "2026-01-05T10:00:00",
        "duration_minutes": 10,
        "note": "Matrix contact",
    },
}
KWARGS = {
    "check_id": "self_check",
    "event_id": "boundary_event",
    "session_id": "supervision_session",
    "action_id": "action_item",
}


def world_extras(world) -> dict:
    from caseload.wellbeing import selfcheck, services

    clinician, supervisor, client = world["clinician"], world["supervisor"], world["client"]
    check = selfcheck.self_check_take(
        acting_user=clinician, instrument="who5", answers=[2, 2, 2, 2, 2]
    )
    event = services.boundary_record(
        acting_user=clinician,
        client=client,
        kind="gift",
        occurred_on=datetime.date(2026, 1, 5),
        reflection="Matrix reflection",
        discuss_in_supervision=True,
    )
    session = services.supervision_session_record(
        acting_user=supervisor, supervisee=clinician, held_on=datetime.date(2026, 1, 6)
    )
    item = services.action_item_add(
        acting_user=supervisor,
        session=session,
        text="Matrix action",
        due_on=datetime.date(2026, 2, 1),
    )
    return {
        "self_check": check,
        "boundary_event": event,
        "supervision_session": session,
        "action_item": item,
    }


__all__ = ["API_BODIES", "API_ROWS", "KWARGS", "LOGIN", "ROWS", "world_extras"]
