"""The measures' badges on the caseload page: "off track" when the latest result of an
instrument in the current episode is a reliable deterioration ("worse", a warning, when it
is a clinically meaningful worsening that is not reliable: a 10-point PCL-5 rise is below
its reliable-change threshold of 14.6), and "measure due" or
"measure overdue" from the client's measure plans. Annotations only: they join the
query that loads a page of the caseload (clients.selectors.caseload_rows)."""

from django.db.models import Case, CharField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Concat

from caseload.clients.access import Part
from caseload.clients.caseload import Signal, SignalRule
from caseload.measures.models import MeasureResponse
from caseload.measures.schedule import due_expression

OFF_TRACK = "reliable_deterioration"
WORSE = "meaningful_deterioration"


def _off_track() -> dict:
    """One subquery: "<category>:<instrument>" of the latest worse result, a reliable
    deterioration before a meaningful one."""
    latest_worse = (
        MeasureResponse.objects.filter(
            Q(episode__isnull=True) | Q(episode__ended_on__isnull=True),
            client=OuterRef("pk"),
            is_latest=True,
            change_category__in=[OFF_TRACK, WORSE],
        )
        .annotate(
            rank=Case(When(change_category=OFF_TRACK, then=Value(0)), default=Value(1)),
            tag=Concat("change_category", Value(":"), "instrument", output_field=CharField()),
        )
        .order_by("rank", "-completed_at")
    )
    return {"signal_off_track": Subquery(latest_worse.values("tag")[:1])}


def _off_track_signals(client) -> list[Signal]:
    if not client.signal_off_track:
        return []
    from caseload.measures.instruments import get

    category, _, code = client.signal_off_track.partition(":")
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


def _due_signals(client) -> list[Signal]:
    if client.signal_measure_overdue:
        return [Signal("Measure overdue", "warning")]
    if client.signal_measure_due:
        return [Signal("Measure due", "info")]
    return []


MEASURE_OFF_TRACK = SignalRule(
    name="measure_off_track",
    part=Part.CLINICAL,
    annotations=_off_track,
    signals=_off_track_signals,
)
MEASURE_DUE = SignalRule(
    name="measure_due",
    part=Part.CLINICAL,
    annotations=lambda: {
        "signal_measure_due": due_expression(overdue=False),
        "signal_measure_overdue": due_expression(overdue=True),
    },
    signals=_due_signals,
)
