"""/clients/{id}/safety-plan and /clients/{id}/checkins: the client's safety plan
(read the current version, save a new one) and between-session check-ins (list them,
record one that reached the team by another channel, screened like any other).
Every client is reached through the door, which checks the relationship and audits."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from caseload.api.auth import ApiRequest
from caseload.api.schemas import Page
from caseload.clients.access import Part, access_client
from caseload.core.crisis_lines import crisis_lines
from caseload.safety import checkins
from caseload.safety.models import CheckinChannel
from caseload.safetyplans import content as plan_content
from caseload.safetyplans import services as plan_services

router = Router(tags=["safety plans and check-ins"])

STAFF_CHANNELS = [c for c in CheckinChannel.values if c != CheckinChannel.LINK]


class CrisisLineOut(Schema):
    label: str
    number: str


class SafetyPlanOut(Schema):
    client_id: int
    version: int | None = Field(None, description="Null when no plan has been saved yet.")
    saved_at: datetime | None = None
    saved_by: str | None = Field(None, description="Username of who saved this version.")
    note: str = ""
    steps: dict[str, list[Any]] = Field(
        description="One list per step: warning_signs, coping_alone, reasons_for_living "
        "hold text; distractions, people_to_ask, services hold {name, phone}; "
        "safer_surroundings holds {method, agreed}."
    )
    crisis_lines: list[CrisisLineOut] = Field(description="The practice's, always shown.")


class SafetyPlanIn(Schema):
    model_config = ConfigDict(extra="forbid")
    steps: dict[str, list[Any]]
    note: str = Field("", max_length=plan_services.MAX_NOTE)
    based_on_version: int | None = Field(
        None,
        ge=0,
        description="The version you edited (0 for none). If another version was saved "
        "since, nothing is saved and the answer is 422.",
    )


class MatchOut(Schema):
    text: str
    start: int
    end: int
    rule: str
    category: str
    severity: str


class CheckinOut(Schema):
    id: int
    received_at: datetime
    channel: str
    mood: int | None
    sleep: int | None
    stress: int | None
    text: str
    recorded_by: str | None = None
    flagged: bool
    severity: str | None = None
    matches: list[MatchOut]
    rules_version: str

    @staticmethod
    def resolve_recorded_by(checkin) -> str | None:
        return checkin.recorded_by.username if checkin.recorded_by else None

    @staticmethod
    def resolve_severity(checkin) -> str | None:
        return checkin.severity or None

    @staticmethod
    def resolve_matches(checkin) -> list[dict]:
        return checkin.match_list()


class CheckinIn(Schema):
    model_config = ConfigDict(extra="forbid")
    channel: str = Field(description=f"One of: {', '.join(STAFF_CHANNELS)}.")
    mood: int | None = Field(None, ge=0, le=10)
    sleep: int | None = Field(None, ge=0, le=10)
    stress: int | None = Field(None, ge=0, le=10)
    text: str = Field("", max_length=checkins.MAX_CHECKIN_TEXT)
    received_at: datetime | None = Field(None, description="When it reached you; now if left out.")


def _plan_out(client, version) -> dict:
    lines = [{"label": line["label"], "number": line["number"]} for line in crisis_lines()]
    if version is None:
        return {"client_id": client.pk, "steps": plan_content.empty(), "crisis_lines": lines}
    return {
        "client_id": client.pk,
        "version": version.number,
        "saved_at": version.created_at,
        "saved_by": version.created_by.username if version.created_by else None,
        "note": version.note,
        "steps": version.steps,
        "crisis_lines": lines,
    }


@router.get(
    "/clients/{client_id}/safety-plan",
    response=SafetyPlanOut,
    url_name="safety_plan_detail",
    operation_id="safety_plan_detail",
)
def safety_plan_detail(request: ApiRequest, client_id: int):
    """The current version of the client's safety plan."""
    client = access_client(
        request.auth, client_id, part=Part.CLINICAL, purpose="api: safety plan", request=request
    )
    return _plan_out(client, plan_services.current_safety_plan(client))


@router.put(
    "/clients/{client_id}/safety-plan",
    response=SafetyPlanOut,
    url_name="safety_plan_save",
    operation_id="safety_plan_save",
)
def safety_plan_save(request: ApiRequest, client_id: int, payload: SafetyPlanIn):
    """Save the plan as a new version (earlier versions stay). Unchanged steps and no
    note save nothing and answer with the current version. Malformed: 422, nothing saved."""
    client = access_client(
        request.auth,
        client_id,
        part=Part.CLINICAL,
        write=True,
        purpose="api: save safety plan",
        request=request,
    )
    version = plan_services.safety_plan_revise(
        acting_user=request.auth,
        client=client,
        steps=payload.steps,
        note=payload.note,
        based_on=payload.based_on_version,
        request=request,
    )
    return _plan_out(client, version)


@router.get(
    "/clients/{client_id}/checkins",
    response=list[CheckinOut],
    url_name="checkins_list",
    operation_id="checkins_list",
)
def checkins_list(request: ApiRequest, client_id: int, page: Query[Page]):
    """The client's check-ins, newest first."""
    client = access_client(
        request.auth, client_id, part=Part.CLINICAL, purpose="api: check-ins", request=request
    )
    return page.rows(client.checkins.select_related("recorded_by"))


@router.post(
    "/clients/{client_id}/checkins",
    response={201: CheckinOut},
    url_name="checkin_create",
    operation_id="checkin_create",
)
def checkin_create(request: ApiRequest, client_id: int, payload: CheckinIn):
    """Record a check-in that reached you another way (a text message, a voicemail).
    It is screened like one sent by link: `flagged` and `matches` say what was found,
    and a match has raised an alert for the care team."""
    client = access_client(
        request.auth,
        client_id,
        part=Part.CLINICAL,
        write=True,
        purpose="api: record check-in",
        request=request,
    )
    if payload.channel not in STAFF_CHANNELS:
        raise ValidationError({"channel": f"Use one of: {', '.join(STAFF_CHANNELS)}."})
    checkin = checkins.checkin_record(
        client=client,
        channel=payload.channel,
        mood=payload.mood,
        sleep=payload.sleep,
        stress=payload.stress,
        text=payload.text,
        received_at=payload.received_at,
        acting_user=request.auth,
        request=request,
    )
    return Status(201, checkin)
