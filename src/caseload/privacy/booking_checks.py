"""What privacy asks of a booking (clients/booking.py reads these through the
composition's BOOKING_CHECKS): a telehealth session needs the client's telehealth
consent on file (H-104)."""

from django.utils.translation import gettext as _

from caseload.clients.models import AppointmentKind, Client
from caseload.privacy.consents import consent_warning
from caseload.privacy.models import ConsentKind


def telehealth_consent_missing(*, client: Client, kind: str) -> str | None:
    """The refusal of a telehealth booking without a given telehealth consent, or None."""
    if kind != AppointmentKind.TELEHEALTH:
        return None
    warning = consent_warning(client, ConsentKind.TELEHEALTH)
    if warning is None:
        return None
    return _("A telehealth session needs the client's telehealth consent on file. %(why)s") % {
        "why": warning
    }
