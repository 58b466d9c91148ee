"""Demo data for privacy: the practice's consent texts, a few signed consents, a signed
release with one disclosure under it, and reporting deadlines. Synthetic only, made
through the services (so the audit trail has them too)."""

from datetime import timedelta

from caseload.core import clock
from caseload.privacy import services
from caseload.privacy.models import sha256_of

TEXTS = {
    "treatment": (
        "Consent to treatment",
        "I agree to take part in talking therapy with this practice. I understand what "
        "the sessions involve, that I can stop at any time, and the limits of "
        "confidentiality (a risk of serious harm to me or others, or a court order).",
        365,
    ),
    "telehealth": (
        "Telehealth sessions",
        "I agree to have some sessions by secure video. I will join from a private place "
        "and tell my clinician where I am at the start of each session.",
        365,
    ),
    "recording": (
        "Recording of sessions",
        "I agree that sessions may be audio recorded for my clinician's supervision. "
        "Recordings are deleted after review and never shared outside the practice.",
        180,
    ),
    "family": (
        "Sharing with family",
        "I agree that my clinician may talk with the family member I name about my care.",
        365,
    ),
    "research": (
        "Research",
        "I agree that my anonymised measure scores may be used in the practice's "
        "outcome research. I can withdraw at any time without affecting my care.",
        None,
    ),
}


def seed(*, staff, clients, rng) -> None:
    officer, clinician = staff["privacy"], staff["clinician"]
    for kind, (title, text, days) in TEXTS.items():
        services.consent_template_save(
            acting_user=officer, kind=kind, title=title, text=text, valid_for_days=days
        )
    for jurisdiction, hours in (("California", 36), ("New York", 24), ("Ontario", 24)):
        services.jurisdiction_deadline_set(
            acting_user=officer, jurisdiction=jurisdiction, hours=hours
        )
    own = [client for client in clients if client.care_team.filter(user=clinician).exists()]
    for client in rng.sample(own, min(3, len(own))):
        consent, issued = services.consent_request(
            acting_user=clinician, client=client, kind="treatment"
        )
        services.consent_sign(
            link=issued.link,
            consent=consent,
            typed_name=client.legal_name,
            shown_sha256=consent.template.text_sha256,
        )
    if not own:
        return
    client = own[0]
    release, issued = services.release_create(
        acting_user=clinician,
        client=client,
        recipient="Dr Ana Ruiz, family physician (demo)",
        recipient_contact="ana.ruiz@example.org",
        categories=["attendance", "measures"],
        purpose="Coordinating care with my doctor",
        expires_on=clock.today() + timedelta(days=180),
    )
    services.release_sign(
        link=issued.link,
        release=release,
        typed_name=client.legal_name,
        shown_sha256=sha256_of(release.text),
    )
    services.disclosure_make(
        acting_user=clinician, client=client, categories=["attendance"], release=release
    )
