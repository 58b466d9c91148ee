"""A client's trajectory on one instrument, drawn on the server as inline SVG (no
JavaScript): the scores over time, the severity bands shaded, the baseline and the band
of changes too small to be reliable, and events (attended sessions, and whatever the
composition lists in CHART_EVENTS) along the time axis. The same data feeds the table and the text
summary that screen readers and printouts rely on.

Each event source, `source(client, start, end)`, returns ChartEvents in that window in
one query.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from caseload.clients.models import Attendance, Client
from caseload.core.composition import composed
from caseload.measures import change
from caseload.measures.instruments.base import Instrument
from caseload.measures.models import ITEMS_NOT_KNOWN, MeasureResponse

WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 64  # BOTTOM holds the time axis and the events row
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


@dataclass(frozen=True)
class ChartEvent:
    when: datetime
    label: str  # "Session attended", "Plan review"
    kind: str  # css class suffix: "session", "review"


EventSource = Callable[[Client, datetime, datetime], list[ChartEvent]]


def attended_sessions(client: Client, start: datetime, end: datetime) -> list[ChartEvent]:
    rows = client.appointments.filter(
        attendance=Attendance.ATTENDED, starts_at__gte=start, starts_at__lte=end
    ).values_list("starts_at", flat=True)
    return [ChartEvent(when, "Session attended", "session") for when in rows]


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str  # for the point's <title>


@dataclass(frozen=True)
class Shade:
    y: float
    height: float
    label: str
    css: str


@dataclass(frozen=True)
class Tick:
    at: float
    label: str
    anchor: str = "middle"  # SVG text-anchor: the end ticks keep their labels inside


@dataclass(frozen=True)
class EventMark:
    x: float
    label: str
    css: str


@dataclass(frozen=True)
class Chart:
    instrument: Instrument
    points: list[Point]
    polyline: str
    bands: list[Shade]
    baseline_y: float | None
    reliable: Shade | None
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    events: list[EventMark]
    summary: str
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    plot_w: int = PLOT_W
    plot_h: int = PLOT_H

    @property
    def axis_y(self) -> float:
        return TOP + PLOT_H

    @property
    def events_y(self) -> float:
        return TOP + PLOT_H + 34


def build_chart(instrument: Instrument, responses: list[MeasureResponse], client: Client):
    """The chart for `responses` (oldest first) of one instrument, or None when none of
    them has a total to plot."""
    scored = [response for response in responses if response.total is not None]
    if not scored:
        return None
    start, end = _time_window(scored)
    x_of = _time_scale(start, end)
    y_of = _value_scale(instrument)
    points = [
        Point(x_of(response.completed_at), y_of(response.total), _point_label(response))
        for response in scored
    ]
    # The baseline of the latest episode: the one the latest result is compared with.
    baseline = next((r for r in reversed(scored) if r.is_baseline), scored[0])
    events = [
        EventMark(x_of(event.when), f"{event.label}, {_day(event.when)}", event.kind)
        for source in composed("CHART_EVENTS")
        for event in source(client, start, end)
    ]
    return Chart(
        instrument=instrument,
        points=points,
        polyline=" ".join(f"{point.x:.1f},{point.y:.1f}" for point in points),
        bands=_bands(instrument, y_of),
        baseline_y=y_of(baseline.total),
        reliable=_reliable_band(instrument, baseline.total, y_of),
        x_ticks=_x_ticks(start, end, x_of),
        y_ticks=[Tick(y_of(value), _number(value)) for value in _y_values(instrument)],
        events=events,
        summary=summary(instrument, scored),
    )


def _time_window(scored) -> tuple[datetime, datetime]:
    start, end = scored[0].completed_at, scored[-1].completed_at
    if end - start < timedelta(days=14):
        # A single result, or a few close together: widen so they do not sit on an edge.
        start, end = start - timedelta(days=7), end + timedelta(days=7)
    return start, end


def _time_scale(start: datetime, end: datetime) -> Callable[[datetime], float]:
    span = (end - start).total_seconds()
    return lambda when: round(LEFT + PLOT_W * (when - start).total_seconds() / span, 1)


def _value_scale(instrument: Instrument) -> Callable[[float], float]:
    low, high = instrument.min_total, instrument.max_total
    span = (high - low) or 1
    return lambda value: round(TOP + PLOT_H * (1 - (min(max(value, low), high) - low) / span), 1)


def _bands(instrument: Instrument, y_of) -> list[Shade]:
    """Each band from its low edge to the next band's low edge, so there is no gap
    between whole-number bands (0-4, 5-9 ...)."""
    bands = sorted(instrument.bands, key=lambda band: band.low)
    shades = []
    for index, band in enumerate(bands):
        top_value = bands[index + 1].low if index + 1 < len(bands) else instrument.max_total
        top, bottom = y_of(top_value), y_of(band.low)
        shades.append(Shade(top, round(bottom - top, 1), band.label, f"band-{index % 5}"))
    return shades


def _reliable_band(instrument: Instrument, baseline: float, y_of) -> Shade | None:
    """The band around the baseline inside which a change is not reliable; none when the
    instrument has no reliable-change figure (a clinically meaningful figure is not one)."""
    found = change.norms(instrument.code)
    threshold = None if found is None else found.reliable_threshold
    if threshold is None:
        return None
    top, bottom = y_of(baseline + threshold), y_of(baseline - threshold)
    label = (
        f"Reliable change needs {found.reliable_needs()} points from the baseline: "
        "a score inside this band is not a reliable change"
    )
    return Shade(top, round(bottom - top, 1), label, "reliable-band")


def _y_values(instrument: Instrument) -> list[float]:
    edges = {instrument.min_total, instrument.max_total}
    edges |= {band.low for band in instrument.bands}
    return sorted(edges)


def _x_ticks(start: datetime, end: datetime, x_of) -> list[Tick]:
    """About six dates along the axis, evenly spaced."""
    count = 5
    step = (end - start) / count
    anchors = {0: "start", count: "end"}
    return [
        Tick(x_of(start + step * i), _day(start + step * i), anchors.get(i, "middle"))
        for i in range(count + 1)
    ]


def _day(when: datetime) -> str:
    return f"{timezone.localtime(when):%-d %b %Y}"


def _number(value: float) -> str:
    return f"{value:g}"


def _point_label(response: MeasureResponse) -> str:
    parts = [f"{_day(response.completed_at)}: {_number(response.total)}"]
    if response.band_label:
        parts.append(response.band_label)
    if response.change_label:
        parts.append(response.change_label)
    if not response.items_known:
        parts.append(ITEMS_NOT_KNOWN)
    return ", ".join(parts)


def summary(instrument: Instrument, scored: list[MeasureResponse]) -> str:
    """The chart in one or two sentences, for screen readers and a quick read."""
    first, last = scored[0], scored[-1]
    text = (
        f"{instrument.name}: {len(scored)} result{'s' if len(scored) != 1 else ''} "
        f"from {_day(first.completed_at)} to {_day(last.completed_at)}. "
        f"First {_number(first.total)}{_band(first)}"
    )
    if len(scored) == 1:
        return text + "."
    text += f"; latest {_number(last.total)}{_band(last)}"
    if last.change_label:
        text += f": {last.change_label[0].lower()}{last.change_label[1:]}"
    low = min(scored, key=lambda response: response.total)
    high = max(scored, key=lambda response: response.total)
    return text + f". Lowest {_number(low.total)}, highest {_number(high.total)}."


def _band(response: MeasureResponse) -> str:
    words = [response.band_label.lower()] if response.band_label else []
    if not response.items_known:
        words.append(ITEMS_NOT_KNOWN)
    return f" ({', '.join(words)})" if words else ""
