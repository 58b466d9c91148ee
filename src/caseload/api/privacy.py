"""/clients/{id}/consents, releases, disclosures and export: the legal-duties records over
the API. Every client comes through the door at Part.CLINICAL; the services check the
rest. A disclosure no release or legal basis covers is refused with 422 and a detail
naming the reason, and nothing is recorded."""

from datetime import date, datetime

from django.http import HttpResponse
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from caseload.api.auth import ApiRequest
from caseload.clients.access import Part, access_client
from caseload.privacy import selectors, services
from caseload.privacy.models import Category, ConsentKind, LegalBasis

router = Router(tags=["privacy"])


class StrictIn(Schema):
    model_config = ConfigDict(extra="forbid")


class ConsentOut(Schema):
    id: int
    kind: str
    version: int
    state: str
    requested_at: datetime
    signed_name: str
    signed_at: datetime | None
    signed_text_sha256: str
    expires_at: datetime | None
    withdrawn_at: datetime | None

    @staticmethod
    def resolve_version(consent) -> int:
        return consent.template.version


class ConsentIn(StrictIn):
    kind: ConsentKind = Field(description="Which consent to ask the client to sign.")


class IssuedOut(Schema):
    signing_path: str = Field(description="The client's signing link, shown only now.")


class ConsentCreatedOut(IssuedOut):
    consent: ConsentOut


class ReleaseOut(Schema):
    id: int
    recipient: str
    recipient_contact: str
    categories: list[str]
    purpose: str
    expires_on: date
    state: str
    signed_at: datetime | None
    revoked_at: datetime | None


class ReleaseIn(StrictIn):
    recipient: str = Field(max_length=200)
    recipient_contact: str = Field(max_length=300)
    categories: list[Category] = Field(min_length=1)
    purpose: str = Field(max_length=300)
    expires_on: date


class ReleaseCreatedOut(IssuedOut):
    release: ReleaseOut


class DisclosureIn(StrictIn):
    categories: list[Category] = Field(min_length=1)
    release_id: int | None = Field(None, description="A valid release of this client.")
    legal_basis: LegalBasis | None = Field(None, description="Instead of a release.")
    justification: str = Field("", description="Required with a legal basis.")
    recipient: str = Field("", max_length=200, description="With a legal basis.")
    recipient_contact: str = Field("", max_length=300)
    purpose: str = Field("", max_length=300, description="With a legal basis.")


class DisclosureOut(Schema):
    id: int
    disclosed_at: datetime
    disclosed_by: str
    recipient: str
    categories: list[str]
    purpose: str
    release_id: int | None
    legal_basis: str
    justification: str
    packet_sha256: str

    @staticmethod
    def resolve_disclosed_by(disclosure) -> str:
        return disclosure.disclosed_by.username


def _client(request, client_id: int, purpose: str, *, write: bool = False):
    return access_client(
        request.auth, client_id, part=Part.CLINICAL, purpose=purpose, write=write, request=request
    )


@router.get(
    "/clients/{client_id}/consents",
    response=list[ConsentOut],
    url_name="client_consents",
    operation_id="client_consents",
)
def consents_list(request: ApiRequest, client_id: int):
    """Every consent asked of the client, newest first, with its state."""
    client = _client(request, client_id, "api: consents")
    return client.consents.select_related("template")


@router.post(
    "/clients/{client_id}/consents",
    response={201: ConsentCreatedOut},
    url_name="client_consent_request",
    operation_id="client_consent_request",
)
def consent_create(request: ApiRequest, client_id: int, payload: ConsentIn):
    """Ask the client to sign the current version of a consent (or renew it)."""
    client = _client(request, client_id, "api: ask for a consent", write=True)
    consent, issued = services.consent_request(
        acting_user=request.auth, client=client, kind=payload.kind, request=request
    )
    return Status(201, {"consent": consent, "signing_path": issued.path})


@router.get(
    "/clients/{client_id}/releases",
    response=list[ReleaseOut],
    url_name="client_releases",
    operation_id="client_releases",
)
def releases_list(request: ApiRequest, client_id: int):
    """The client's releases of information, newest first."""
    return _client(request, client_id, "api: releases").releases.all()


@router.post(
    "/clients/{client_id}/releases",
    response={201: ReleaseCreatedOut},
    url_name="client_release_create",
    operation_id="client_release_create",
)
def release_create(request: ApiRequest, client_id: int, payload: ReleaseIn):
    """Draft a release; it covers nothing until the client signs it through the link."""
    client = _client(request, client_id, "api: draft a release", write=True)
    fields = payload.model_dump()
    fields["categories"] = [str(value) for value in fields["categories"]]
    release, issued = services.release_create(
        acting_user=request.auth, client=client, request=request, **fields
    )
    return Status(201, {"release": release, "signing_path": issued.path})


@router.get(
    "/clients/{client_id}/disclosures",
    response=list[DisclosureOut],
    url_name="client_disclosures",
    operation_id="client_disclosures",
)
def disclosures_list(request: ApiRequest, client_id: int):
    """The accounting of disclosures: six years back, newest first."""
    client = _client(request, client_id, "api: accounting of disclosures")
    return selectors.accounting_for(client)


@router.post(
    "/clients/{client_id}/disclosures",
    response={201: DisclosureOut},
    url_name="client_disclose",
    operation_id="client_disclose",
)
def disclosure_create(request: ApiRequest, client_id: int, payload: DisclosureIn):
    """Disclose: refused (422, `detail` naming the reason, nothing recorded) unless a
    valid release covers every category or a legal basis is given with a justification."""
    client = _client(request, client_id, "api: disclose information", write=True)
    release = None
    if payload.release_id is not None:
        release = client.releases.filter(pk=payload.release_id).first()
        if release is None:
            raise services.DisclosureRefused("No such release for this client.")
    disclosure = services.disclosure_make(
        acting_user=request.auth,
        client=client,
        categories=[str(value) for value in payload.categories],
        release=release,
        legal_basis=str(payload.legal_basis or ""),
        justification=payload.justification,
        recipient=payload.recipient,
        recipient_contact=payload.recipient_contact,
        purpose=payload.purpose,
        request=request,
    )
    return Status(201, disclosure)


@router.get(
    "/clients/{client_id}/export",
    response={200: dict},
    url_name="client_export",
    operation_id="client_export",
)
def export(request: ApiRequest, client_id: int):
    """The client's own copy as a FHIR R4 Bundle (psychotherapy notes excluded), with
    their consents, releases, accounting of disclosures and access report."""
    client = _client(request, client_id, "api: client's own copy")
    copy = services.own_copy_export(
        acting_user=request.auth, client=client, format="fhir", request=request
    )
    return HttpResponse(copy.content, content_type=copy.content_type)
