"""/instruments and /clients/{id}/responses: measures over the API. Results are recorded
through the one service (`measures.services.response_record`), like those from a session
or a client's link, so the same scoring, change classification and safety alerts apply."""

from datetime import datetime
from typing import Any

from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from caseload.api.auth import ApiRequest
from caseload.clients.access import Part, access_client
from caseload.measures import change, services
from caseload.measures.instruments import all_instruments
from caseload.measures.models import ResponseSource

router = Router(tags=["measures"])


class OptionOut(Schema):
    value: int
    label: str


class ItemOut(Schema):
    number: int
    text: str
    loinc: str
    scored: bool
    risk: bool
    options: list[OptionOut]


class BandOut(Schema):
    code: str
    label: str
    low: float
    high: float


class InstrumentOut(Schema):
    code: str
    name: str
    title: str
    instructions: str
    min_total: float
    max_total: float
    higher_is_worse: bool
    loinc_panel: str
    loinc_total: str
    licence: str
    citation: str
    missing_rule: str
    completed_by: str
    rules_version: str
    wording_shipped: bool
    bands: list[BandOut]
    items: list[ItemOut]


class ResponseIn(Schema):
    model_config = ConfigDict(extra="forbid")

    instrument: str = Field(description="An instrument code from GET /instruments.")
    # Any: the engine checks each answer and names the item in its message (422).
    answers: list[Any] = Field(
        default_factory=list,
        description="In item order; null for a missing answer. Empty with reported_total.",
    )
    # Any, as answers: the engine checks it (a number within the instrument's bands).
    reported_total: Any = Field(
        None,
        description=(
            "A total reported without its item answers (from another record): stored "
            "with its band and items_known false; a risk item not known raises an alert."
        ),
    )
    completed_at: datetime | None = Field(None, description="Defaults to now.")


class FlagOut(Schema):
    code: str
    severity: str
    reason: str
    item: int | None
    is_risk: bool


class ChangeOut(Schema):
    category: str = Field(
        description="reliable_improvement, reliable_deterioration and reliable_recovery only "
        "when the change passes the reliable-change threshold; meaningful_improvement and "
        "meaningful_deterioration for a clinically meaningful change that does not."
    )
    label: str
    baseline_total: float | None
    rci: float | None = Field(
        description="Jacobson-Truax reliable change index; null without a published SD and "
        "reliability for the instrument."
    )
    reliable_threshold: float | None = Field(
        None, description="Points a reliable change needs; null when there is no figure."
    )
    meaningful_threshold: float | None = Field(
        None, description="Points of a clinically meaningful change (never called reliable)."
    )


class ResponseOut(Schema):
    id: int
    instrument: str
    completed_at: datetime
    source: str
    answers: list[Any]
    total: float | None
    band: str
    band_label: str
    subscales: dict[str, float]
    levels: dict[str, str] = Field(default_factory=dict, description="Named levels, if any.")
    flags: list[FlagOut]
    prorated: bool
    items_known: bool = Field(
        description="False for a total reported without its item answers (answers is empty)."
    )
    missing_note: str
    is_baseline: bool
    change: ChangeOut | None = Field(
        None, description="Against the episode's first result; null for the baseline."
    )
    rules_version: str

    @staticmethod
    def resolve_change(response) -> dict | None:
        if not response.change_category:
            return None
        found = change.norms(response.instrument)
        return {
            "category": response.change_category,
            "label": response.change_label,
            "baseline_total": response.baseline_total,
            "rci": response.rci,
            "reliable_threshold": found.reliable_threshold if found else None,
            "meaningful_threshold": found.meaningful_threshold if found else None,
        }


class ResponseFilter(Schema):
    instrument: str | None = Field(None, description="Only this instrument's results.")


@router.get(
    "/instruments",
    response=list[InstrumentOut],
    url_name="instruments_list",
    operation_id="instruments_list",
)
def instruments_list(request: ApiRequest):
    """The instruments caseload scores, with their items, answers, bands and codes."""
    return all_instruments()


@router.post(
    "/clients/{client_id}/responses",
    response={201: ResponseOut},
    url_name="client_response_create",
    operation_id="client_response_create",
)
def client_response_create(request: ApiRequest, client_id: int, payload: ResponseIn):
    """Record a completed measure: scored, compared with the baseline, and a safety alert
    raised for each risk answer. Unscorable answers: 422 naming the item, nothing kept."""
    client = access_client(
        request.auth,
        client_id,
        part=Part.CLINICAL,
        write=True,
        purpose="api: record a measure",
        request=request,
    )
    response = services.response_record(
        client=client,
        instrument=payload.instrument,
        answers=payload.answers,
        source=ResponseSource.API,
        acting_user=request.auth,
        completed_at=payload.completed_at,
        reported_total=payload.reported_total,
        request=request,
    )
    return Status(201, response)


@router.get(
    "/clients/{client_id}/responses",
    response=list[ResponseOut],
    url_name="client_responses",
    operation_id="client_responses",
)
def client_responses(request: ApiRequest, client_id: int, filters: Query[ResponseFilter]):
    """A client's measure results, oldest first."""
    client = access_client(
        request.auth,
        client_id,
        part=Part.CLINICAL,
        purpose="api: measure results",
        request=request,
    )
    results = client.measure_responses.all()
    if filters.instrument:
        results = results.filter(instrument=filters.instrument)
    return results.order_by("completed_at", "id")
