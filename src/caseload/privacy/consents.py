"""Where an action depends on a consent, ask here: `consent_warning(client, kind)`.

Other apps (telehealth appointments, recordings, contacting family) show the warning
beside the action; the action itself is theirs to allow or not.
"""

from django.utils.translation import gettext as _

from caseload.clients.models import Client
from caseload.privacy.models import Consent, ConsentKind, ConsentState


def consent_state(client: Client, kind: str) -> str | None:
    """The state of the consent that counts: a given one if there is any, otherwise the
    newest. None when the client was never asked."""
    consents = list(Consent.objects.filter(client=client, kind=kind).order_by("-requested_at"))
    for consent in consents:
        if consent.state == ConsentState.GIVEN:
            return ConsentState.GIVEN
    return consents[0].state if consents else None


def consent_warning(client: Client, kind: str) -> str | None:
    """A sentence to show beside an action that needs the client's consent of `kind`,
    or None when a valid consent is on file."""
    label = ConsentKind(kind).label
    state = consent_state(client, kind)
    if state == ConsentState.GIVEN:
        return None
    messages = {
        None: _("No consent on file for: %(label)s."),
        ConsentState.REQUESTED: _("Consent asked for but not yet signed: %(label)s."),
        ConsentState.EXPIRED: _("The consent has expired: %(label)s. Ask the client to renew it."),
        ConsentState.WITHDRAWN: _("The client withdrew their consent: %(label)s."),
        ConsentState.DECLINED: _("The client declined: %(label)s."),
    }
    return messages[state] % {"label": label}


def consent_warnings(client: Client, kinds=None) -> list[tuple[str, str]]:
    """[(kind, warning)] for each kind that lacks a valid consent."""
    found = []
    for kind in kinds or ConsentKind.values:
        warning = consent_warning(client, kind)
        if warning:
            found.append((kind, warning))
    return found
