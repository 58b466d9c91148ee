"""What signing by a link asks of the client: how long the link stays open and the
full legal name typed as the signature."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from caseload.clients.models import Client

SIGNING_LINK_LIFETIME = timedelta(days=7)


def check_signature(typed_name: str, client: Client) -> str:
    name = " ".join(typed_name.split())
    if not name:
        raise ValidationError(_("Type your full name to sign."))
    if name.casefold() != " ".join(client.legal_name.split()).casefold():
        raise ValidationError(_("Type your full name as the practice has it on record."))
    return name
