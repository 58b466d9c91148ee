"""The measures' badges on the caseload page: "off track" when the latest result of an
instrument in the current episode is a reliable deterioration, and "measure due" or
"measure overdue" from the client's measure plans. Annotations only: they join the
page's one prepared query (clients/caseload.py), with the time as Params."""

from django.db.models import OuterRef, Q, Subquery

from caseload.accounts.access import Part
from caseload.clients.caseload import Signal, SignalRule, register_signal
from caseload.measures.models import MeasureResponse
from caseload.measures.schedule import due_expression, due_params

OFF_TRACK = "reliable_deterioration"


def _off_track() -> dict:
    latest_worse = MeasureResponse.objects.filter(
        Q(episode__isnull=True) | Q(episode__ended_on__isnull=True),
        client=OuterRef("pk"),
        is_latest=True,
        change_category=OFF_TRACK,
    ).order_by("-completed_at")
    return {"signal_off_track": Subquery(latest_worse.values("instrument")[:1])}


def _off_track_signals(client) -> list[Signal]:
    if not client.signal_off_track:
        return []
    from caseload.measures.instruments import get

    name = get(client.signal_off_track).name
    return [Signal(f"Off track: {name}", "danger", "Reliably worse than at the start")]


def _due_signals(client) -> list[Signal]:
    if client.signal_measure_overdue:
        return [Signal("Measure overdue", "warning")]
    if client.signal_measure_due:
        return [Signal("Measure due", "info")]
    return []


register_signal(
    SignalRule(
        name="measure_off_track",
        part=Part.CLINICAL,
        annotations=_off_track,
        signals=_off_track_signals,
    )
)
register_signal(
    SignalRule(
        name="measure_due",
        part=Part.CLINICAL,
        annotations=lambda: {
            "signal_measure_due": due_expression(overdue=False),
            "signal_measure_overdue": due_expression(overdue=True),
        },
        params=due_params,
        signals=_due_signals,
    )
)
