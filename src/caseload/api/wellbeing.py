"""/me/self-checks, /me/workload and /clients/{id}/contacts: the professional's side.

A self-check is reached only through `own_self_checks(request.auth)`: there is no
endpoint that takes a person, so nobody can read another's results. Contacts are reached
through the door, like every part of a client's record."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from caseload.accounts.models import CLINICAL_ROLES
from caseload.api.auth import ApiRequest
from caseload.clients.access import Part, access_client
from caseload.wellbeing import selfcheck, services, workload

router = Router(tags=["wellbeing"])


def _require_professional(user) -> None:
    if user.role not in CLINICAL_ROLES:
        raise PermissionDenied("The professional's side is for clinicians and supervisors.")


class SelfCheckIn(Schema):
    model_config = ConfigDict(extra="forbid")
    instrument: str = Field(description='"proqol5" (30 answers, 1-5) or "who5" (5 answers, 0-5).')
    answers: list[int | None]


class SelfCheckOut(Schema):
    id: int
    instrument: str
    taken_at: datetime
    scores: dict[str, float | None]
    levels: dict[str, str]


def _self_check_out(check) -> dict:
    result = selfcheck.result_of(check)
    scores = dict(result.subscales) or {"total": result.total}
    levels = dict(result.levels) or ({"total": result.band} if result.band else {})
    return {
        "id": check.pk,
        "instrument": check.instrument,
        "taken_at": check.taken_at,
        "scores": scores,
        "levels": levels,
    }


@router.get(
    "/me/self-checks",
    response=list[SelfCheckOut],
    url_name="self_checks",
    operation_id="self_checks_list",
)
def self_checks_list(request: ApiRequest):
    """Your own self-checks, newest first. Nobody else's are reachable."""
    _require_professional(request.auth)
    return [_self_check_out(check) for check in selfcheck.own_self_checks(request.auth)]


@router.post(
    "/me/self-checks",
    response={201: SelfCheckOut},
    url_name="self_check_take",
    operation_id="self_check_take",
)
def self_check_take(request: ApiRequest, payload: SelfCheckIn):
    """Take a self-check; answers the scores and levels (ProQOL: the three subscales)."""
    _require_professional(request.auth)
    check = selfcheck.self_check_take(
        acting_user=request.auth,
        instrument=payload.instrument,
        answers=payload.answers,
        request=request,
    )
    return Status(201, _self_check_out(check))


class ContactIn(Schema):
    model_config = ConfigDict(extra="forbid")
    channel: str
    initiated_by: str = Field(description='"client", "professional" or "someone_else".')
    started_at: datetime = Field(
        description="A time without a zone is read in the practice's time zone."
    )
    duration_minutes: int = Field(ge=1, le=600)
    note: str = Field("", max_length=2000)


class ContactOut(Schema):
    id: int
    channel: str
    initiated_by: str
    started_at: datetime
    duration_minutes: int
    note: str
    professional: str
    within_policy: bool
    out_of_hours: bool
    off_channel: bool
    policy_source: str

    @staticmethod
    def resolve_professional(contact) -> str:
        return contact.professional.username


def _client_for_contacts(request: ApiRequest, client_id: int, *, write: bool):
    return access_client(
        request.auth,
        client_id,
        part=Part.CLINICAL,
        write=write,
        purpose="api: contacts between sessions",
        request=request,
    )


@router.get(
    "/clients/{client_id}/contacts",
    response=list[ContactOut],
    url_name="client_contacts",
    operation_id="client_contacts_list",
)
def client_contacts(request: ApiRequest, client_id: int):
    """A client's contacts between sessions, newest first, each marked against the policy."""
    client = _client_for_contacts(request, client_id, write=False)
    return client.contacts.select_related("professional")


@router.post(
    "/clients/{client_id}/contacts",
    response={201: ContactOut},
    url_name="client_contact_log",
    operation_id="client_contact_log",
)
def client_contact_log(request: ApiRequest, client_id: int, payload: ContactIn):
    """Log a contact between sessions; the answer says whether it was inside the policy."""
    client = _client_for_contacts(request, client_id, write=True)
    contact = services.contact_log(
        acting_user=request.auth, client=client, request=request, **payload.model_dump()
    )
    return Status(201, contact)


class FigureOut(Schema):
    key: str
    label: str
    value: int | None


class NudgeOut(Schema):
    key: str
    message: str
    suggest_supervision: bool


class WorkloadOut(Schema):
    figures: list[FigureOut]
    nudges: list[NudgeOut]


@router.get(
    "/me/workload", response=WorkloadOut, url_name="my_workload", operation_id="my_workload"
)
def my_workload(request: ApiRequest):
    """Your workload figures and the nudges the practice's thresholds raise."""
    _require_professional(request.auth)
    found = workload.workload_for(request.auth)
    return {"figures": found.figures, "nudges": found.nudges}
