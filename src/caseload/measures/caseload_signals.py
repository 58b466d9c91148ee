"""The measures' badges on the caseload page: "off track" when the latest result of an
instrument in the current episode is a reliable deterioration ("worse", a warning, when it
is a clinically meaningful worsening that is not reliable: a 10-point PCL-5 rise is below
its reliable-change threshold of 14.6), and "measure due" or
"measure overdue" from the client's measure plans. One query each for a page of clients
(clients.selectors.caseload_rows)."""

from django.db.models import Case, Q, Value, When

from caseload.clients.access import Part
from caseload.clients.caseload import Signal, SignalRule
from caseload.measures.models import MeasureResponse
from caseload.measures.schedule import due_for_page

OFF_TRACK = "reliable_deterioration"
WORSE = "meaningful_deterioration"


def _off_track(client_ids: list[int]) -> dict[int, tuple[str, str]]:
    """{client_id: (category, instrument)} of each client's latest worse result in the
    current episode, a reliable deterioration before a meaningful one, then the most
    recent. The latest results are one per instrument, so the rows read are few."""
    latest_worse = (
        MeasureResponse.objects.filter(
            Q(episode__isnull=True) | Q(episode__ended_on__isnull=True),
            client_id__in=client_ids,
            is_latest=True,
            change_category__in=[OFF_TRACK, WORSE],
        )
        .annotate(rank=Case(When(change_category=OFF_TRACK, then=Value(0)), default=Value(1)))
        .order_by("client_id", "rank", "-completed_at", "-id")
    )
    found: dict[int, tuple[str, str]] = {}
    for client_id, category, code in latest_worse.values_list(
        "client_id", "change_category", "instrument"
    ):
        found.setdefault(client_id, (category, code))
    return found


def _off_track_signals(worst: tuple[str, str] | None) -> list[Signal]:
    if worst is None:
        return []
    from caseload.measures.instruments import get

    category, code = worst
    name = get(code).name
    if category == OFF_TRACK:
        return [Signal(f"Off track: {name}", "danger", "Reliably worse than at the start")]
    return [
        Signal(
            f"Worse: {name}",
            "warning",
            "Clinically meaningful worsening since the start, not shown to be reliable",
        )
    ]


def _due_signals(due: str | None) -> list[Signal]:
    if due == "overdue":
        return [Signal("Measure overdue", "warning")]
    if due == "due":
        return [Signal("Measure due", "info")]
    return []


MEASURE_OFF_TRACK = SignalRule(
    name="measure_off_track",
    part=Part.CLINICAL,
    page_data=_off_track,
    signals=_off_track_signals,
)
MEASURE_DUE = SignalRule(
    name="measure_due",
    part=Part.CLINICAL,
    page_data=due_for_page,
    signals=_due_signals,
)
