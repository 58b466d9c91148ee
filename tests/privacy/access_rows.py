"""Authorization rows for the privacy pages and API (tests/matrix.py explains the shape).

The world holds a consent, a signed release, a disclosure, a mandatory report made by the
treating clinician, and an expired break-the-glass grant of the outsider: expired, so the
outsider still sees nothing (an active grant is tested in test_break_glass.py)."""

from datetime import timedelta

from caseload.clients.models import BreakGlassGrant
from caseload.core import clock
from caseload.privacy import services
from caseload.privacy.models import Release
from matrix import API_CLINICAL, CLINICAL, DENIED, HIDDEN, OK, PRIVACY_ONLY, row

PRIVACY_HOME = row(default=OK, intake=DENIED, admin=DENIED)
CLINICAL_STAFF = row(default=OK, intake=DENIED, admin=DENIED, privacy_officer=DENIED)
REPORT = row(
    default=HIDDEN, clinician=OK, supervisor=OK, privacy_officer=OK, intake=DENIED, admin=DENIED
)

ROWS = {
    ("privacy:home", "get"): PRIVACY_HOME,
    ("privacy:break_glass", "get"): CLINICAL_STAFF,
    ("privacy:break_glass", "post"): CLINICAL_STAFF,  # empty form: 400, nothing opened
    # Only the privacy officer and the client's primary clinician review a grant.
    ("privacy:break_glass_review", "post"): row(default=HIDDEN, clinician=OK, privacy_officer=OK),
    ("privacy:templates", "get"): row(default=DENIED, admin=OK, privacy_officer=OK),
    ("privacy:templates", "post"): row(default=DENIED, admin=OK, privacy_officer=OK),
    ("privacy:jurisdictions", "get"): PRIVACY_ONLY,
    ("privacy:jurisdictions", "post"): PRIVACY_ONLY,
    ("privacy:reports", "get"): PRIVACY_HOME,
    ("privacy:report", "get"): REPORT,
    ("privacy:report", "post"): REPORT,
    ("privacy:client", "get"): CLINICAL,
    ("privacy:consent_request", "post"): CLINICAL,
    ("privacy:consent_withdraw", "post"): CLINICAL,
    ("privacy:release_new", "get"): CLINICAL,
    ("privacy:release_new", "post"): CLINICAL,
    ("privacy:release_revoke", "post"): CLINICAL,
    ("privacy:disclose", "get"): CLINICAL,
    ("privacy:disclose", "post"): CLINICAL,
    ("privacy:accounting", "get"): CLINICAL,
    ("privacy:disclosure_packet", "get"): CLINICAL,
    ("privacy:export", "get"): CLINICAL,
    ("privacy:export", "post"): CLINICAL,
    ("privacy:report_new", "get"): CLINICAL,
    ("privacy:report_new", "post"): CLINICAL,
}

API_ROWS = {
    ("api:client_consents", "get"): API_CLINICAL,
    ("api:client_consent_request", "post"): API_CLINICAL,
    ("api:client_releases", "get"): API_CLINICAL,
    ("api:client_release_create", "post"): API_CLINICAL,
    ("api:client_disclosures", "get"): API_CLINICAL,
    ("api:client_disclose", "post"): API_CLINICAL,
    ("api:client_export", "get"): API_CLINICAL,
}
API_BODIES = {
    "api:client_consent_request": {"kind": "treatment"},
    "api:client_release_create": {
        "recipient": "Dr Matrix",
        "recipient_contact": "matrix@example.org",
        "categories": ["attendance"],
        "purpose": "Continuity of care",
        "expires_on": (clock.today() + timedelta(days=90)).isoformat(),
    },
    # No release and no legal basis: refused with 422, which the matrix counts as "ran".
    "api:client_disclose": {"categories": ["attendance"]},
}
KWARGS = {
    "consent_id": "privacy_consent",
    "release_id": "privacy_release",
    "disclosure_id": "privacy_disclosure",
    "report_id": "privacy_report",
    "grant_id": "privacy_grant",
}


def world_extras(world) -> dict:
    client, clinician = world["client"], world["clinician"]
    services.consent_template_save(
        acting_user=world["privacy_officer"],
        kind="treatment",
        title="Consent to treatment",
        text="I agree to take part in therapy.",
    )
    consent, _link = services.consent_request(
        acting_user=clinician, client=client, kind="treatment"
    )
    release, _link = services.release_create(
        acting_user=clinician,
        client=client,
        recipient="Dr Matrix",
        recipient_contact="matrix@example.org",
        categories=["attendance"],
        purpose="Continuity of care",
        expires_on=clock.today() + timedelta(days=90),
    )
    Release.objects.filter(pk=release.pk).update(
        signed_at=clock.now(), signed_name="Jordan Rivera"
    )
    release.refresh_from_db()
    disclosure = services.disclosure_make(
        acting_user=clinician, client=client, categories=["attendance"], release=release
    )
    report = services.report_open(
        acting_user=clinician,
        client=client,
        kind="child",
        concern="Matrix concern.",
        jurisdiction="Matrixland",
    )
    now = clock.now()
    grant = BreakGlassGrant.objects.create(
        client=client,
        user=world["outsider"],
        reason="Matrix emergency long ago",
        granted_at=now - timedelta(hours=5),
        expires_at=now - timedelta(hours=1),
    )
    return {
        "privacy_consent": consent,
        "privacy_release": release,
        "privacy_disclosure": disclosure,
        "privacy_report": report,
        "privacy_grant": grant,
    }
