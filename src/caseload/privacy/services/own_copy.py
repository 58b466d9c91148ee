"""The client's own copy of their record (right of access), for the page and the API."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from caseload.accounts.models import User
from caseload.audit.services import audit_record
from caseload.clients.models import Client
from caseload.core import clock
from caseload.privacy import packets

OWN_COPY_FORMATS = ("pdf", "fhir")


@dataclass(frozen=True)
class OwnCopy:
    content: bytes
    content_type: str
    filename: str


def own_copy_export(
    *, acting_user: User, client: Client, format: str, request: HttpRequest | None = None
) -> OwnCopy:
    """The client's own copy of their record (right of access): the whole record,
    psychotherapy notes excluded, with their consents, releases, accounting of
    disclosures and access report, as a FHIR R4 Bundle or that bundle printed as a PDF.
    The page and the API both come here, so the document and its audit event are the
    same whichever way it was asked for."""
    if format not in OWN_COPY_FORMATS:
        raise ValidationError(f"Unknown format {format!r}.")
    with transaction.atomic():
        bundle = packets.own_copy_bundle_json(client)
        audit_record(
            action="privacy.export",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=client,
            purpose="client's right of access",
            detail={"format": format},
        )
    stamp = clock.today().isoformat()
    if format == "fhir":
        return OwnCopy(bundle.encode(), "application/fhir+json", f"record-{stamp}.json")
    title = _("The record of %(name)s") % {"name": client.legal_name}
    preface = [_("Made on %(day)s at the client's request.") % {"day": stamp}]
    pdf = packets.pdf_of(bundle, title=title, preface=preface)
    return OwnCopy(pdf, "application/pdf", f"record-{stamp}.pdf")
