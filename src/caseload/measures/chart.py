"""A client's trajectory on one instrument, drawn on the server as inline SVG (no
JavaScript): the scores over time, the severity bands shaded, and for each episode of care
its baseline and the band of changes too small to be reliable, with events (attended
sessions, and whatever the composition lists in CHART_EVENTS) along the time axis. The
same data feeds the table and the text summary that screen readers and printouts rely on.

Results are compared within their episode of care only (measures/services.py keeps one
baseline per client, instrument and episode), so each episode has its own line, baseline
and reliable band, and the summary speaks of the latest episode.

Each event source, `source(client, start, end)`, returns ChartEvents in that window in
one query.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from caseload.clients.models import Attendance, Client
from caseload.core.composition import composed
from caseload.core.dates import show_date
from caseload.measures import change
from caseload.measures.instruments.base import Instrument
from caseload.measures.models import ITEMS_NOT_KNOWN, MeasureResponse

WIDTH, HEIGHT = 760, 320
LEFT, TOP, BOTTOM = 44, 12, 64  # BOTTOM holds the time axis and the events row
PLOT_H = HEIGHT - TOP - BOTTOM
POINT_RADIUS = 4
# Band labels sit in a gutter right of the plotted area, so no point can cover one. The
# gutter is as wide as the instrument's longest label: about 6.2 px a character at the
# chart's 11 px type, with room either side.
LABEL_GAP, LABEL_CHAR_WIDTH, LABEL_PAD = 8, 6.2, 6
# An episode with one result still shows a stretch of baseline around its point.
MIN_SEGMENT = 16


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
    x: float = LEFT
    width: float = 0


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
class Episode:
    """One episode of care on the chart: its own line, baseline and reliable band."""

    points: list[Point]
    polyline: str
    baseline_x1: float
    baseline_x2: float
    baseline_y: float
    baseline_label: str  # for the baseline's <title>
    reliable: Shade | None


@dataclass(frozen=True)
class Chart:
    instrument: Instrument
    episodes: list[Episode]
    bands: list[Shade]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    events: list[EventMark]
    summary: str
    plot_w: float
    label_x: float  # where the band labels start, right of every point
    reliable_label: str = ""  # the key's words for the reliable band, when there is one
    points: list[Point] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    plot_h: int = PLOT_H

    @property
    def axis_y(self) -> float:
        return TOP + PLOT_H

    @property
    def events_y(self) -> float:
        return TOP + PLOT_H + 34

    @property
    def plot_right(self) -> float:
        return LEFT + self.plot_w


def build_chart(instrument: Instrument, responses: list[MeasureResponse], client: Client):
    """The chart for `responses` (oldest first) of one instrument, or None when none of
    them has a total to plot."""
    scored = [response for response in responses if response.total is not None]
    if not scored:
        return None
    plot_w = WIDTH - LEFT - _label_gutter(instrument)
    start, end = _time_window(scored)
    x_of = _time_scale(start, end, plot_w)
    y_of = _value_scale(instrument)
    groups = by_episode(scored)
    episodes = [
        _episode(instrument, group, x_of, y_of, plot_w, last=index == len(groups) - 1)
        for index, group in enumerate(groups)
    ]
    events = [
        EventMark(x_of(event.when), f"{event.label}, {_day(event.when)}", event.kind)
        for source in composed("CHART_EVENTS")
        for event in source(client, start, end)
    ]
    reliable = next((e.reliable for e in reversed(episodes) if e.reliable), None)
    return Chart(
        instrument=instrument,
        episodes=episodes,
        points=[point for episode in episodes for point in episode.points],
        bands=_bands(instrument, y_of, WIDTH - LEFT),
        x_ticks=_x_ticks(start, end, x_of),
        y_ticks=[Tick(y_of(value), _number(value)) for value in _y_values(instrument)],
        events=events,
        summary=summary(instrument, scored),
        plot_w=plot_w,
        label_x=LEFT + plot_w + LABEL_GAP,
        reliable_label=reliable.label if reliable else "",
    )


def by_episode(scored: list[MeasureResponse]) -> list[list[MeasureResponse]]:
    """The results grouped by episode of care (results outside any episode form one group
    of their own, as the services compare them), groups in the order they began."""
    groups: dict[int | None, list[MeasureResponse]] = {}
    for response in scored:
        groups.setdefault(response.episode_id, []).append(response)
    return list(groups.values())


def episode_baseline(group: list[MeasureResponse]) -> MeasureResponse:
    """The result the episode's others are compared with: the one the services marked as
    the baseline, else (a result scored before the flag existed) the episode's first."""
    return next((response for response in group if response.is_baseline), group[0])


def _episode(instrument, group, x_of, y_of, plot_w, *, last: bool) -> Episode:
    points = [
        Point(x_of(response.completed_at), y_of(_total(response)), _point_label(response))
        for response in group
    ]
    baseline = episode_baseline(group)
    x1 = x_of(baseline.completed_at)
    # The latest episode's baseline runs on to the right edge: later results are compared
    # with it. An earlier one stops at its last result.
    x2 = LEFT + plot_w if last else max(point.x for point in points)
    if x2 - x1 < MIN_SEGMENT:
        x1, x2 = max(LEFT, x1 - MIN_SEGMENT / 2), min(LEFT + plot_w, x2 + MIN_SEGMENT / 2)
    return Episode(
        points=points,
        polyline=" ".join(f"{point.x:.1f},{point.y:.1f}" for point in points),
        baseline_x1=x1,
        baseline_x2=x2,
        baseline_y=y_of(_total(baseline)),
        baseline_label=f"Baseline {_number(_total(baseline))}, {_day(baseline.completed_at)}",
        reliable=_reliable_band(instrument, _total(baseline), y_of, x1, x2),
    )


def _label_gutter(instrument: Instrument) -> float:
    longest = max((len(band.label) for band in instrument.bands), default=0)
    return round(LABEL_GAP + longest * LABEL_CHAR_WIDTH + LABEL_PAD)


def _time_window(scored) -> tuple[datetime, datetime]:
    start, end = scored[0].completed_at, scored[-1].completed_at
    if end - start < timedelta(days=14):
        # A single result, or a few close together: widen so they do not sit on an edge.
        start, end = start - timedelta(days=7), end + timedelta(days=7)
    return start, end


def _time_scale(start: datetime, end: datetime, plot_w: float) -> Callable[[datetime], float]:
    span = (end - start).total_seconds()
    return lambda when: round(LEFT + plot_w * (when - start).total_seconds() / span, 1)


def _value_scale(instrument: Instrument) -> Callable[[float], float]:
    low, high = instrument.min_total, instrument.max_total
    span = (high - low) or 1
    return lambda value: round(TOP + PLOT_H * (1 - (min(max(value, low), high) - low) / span), 1)


def _bands(instrument: Instrument, y_of, width: float) -> list[Shade]:
    """Each band from its low edge to the next band's low edge, so there is no gap
    between whole-number bands (0-4, 5-9 ...); shaded under the label gutter too, so each
    label sits in its own band's colour."""
    bands = sorted(instrument.bands, key=lambda band: band.low)
    shades = []
    for index, band in enumerate(bands):
        top_value = bands[index + 1].low if index + 1 < len(bands) else instrument.max_total
        top, bottom = y_of(top_value), y_of(band.low)
        shades.append(
            Shade(top, round(bottom - top, 1), band.label, f"band-{index % 5}", width=width)
        )
    return shades


def _reliable_band(
    instrument: Instrument, baseline: float, y_of, x1: float, x2: float
) -> Shade | None:
    """The band around an episode's baseline inside which a change is not reliable; none
    when the instrument has no reliable-change figure (a clinically meaningful figure is
    not one)."""
    found = change.norms(instrument.code)
    threshold = None if found is None else found.reliable_threshold
    if found is None or threshold is None:
        return None
    top, bottom = y_of(baseline + threshold), y_of(baseline - threshold)
    label = (
        f"Reliable change needs {found.reliable_needs()} points from the baseline "
        "of its episode: a score inside this band is not a reliable change"
    )
    return Shade(top, round(bottom - top, 1), label, "reliable-band", x=x1, width=x2 - x1)


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
    return show_date(when)


def _total(response: MeasureResponse) -> float:
    """Only results with a total are charted (build_chart leaves the others out)."""
    if response.total is None:
        raise ValueError("a result without a total is not charted")
    return response.total


def _number(value: float) -> str:
    return f"{value:g}"


def _point_label(response: MeasureResponse) -> str:
    parts = [f"{_day(response.completed_at)}: {_number(_total(response))}"]
    if response.band_label:
        parts.append(response.band_label)
    if response.change_label:
        parts.append(response.change_label)
    if not response.items_known:
        parts.append(ITEMS_NOT_KNOWN)
    return ", ".join(parts)


def summary(instrument: Instrument, scored: list[MeasureResponse]) -> str:
    """The chart in a few sentences, for screen readers and a quick read. It speaks of
    the latest episode of care, and the change it names is worked out from the two
    numbers it gives (the episode's baseline and its latest result), so the words and the
    numbers cannot disagree."""
    first, last = scored[0], scored[-1]
    if len(scored) == 1:
        return (
            f"{instrument.name}: 1 result, on {_day(last.completed_at)}: "
            f"{_number(_total(last))}{_band(last)}. One result shows no change yet."
        )
    groups = by_episode(scored)
    text = (
        f"{instrument.name}: {len(scored)} results from {_day(first.completed_at)} "
        f"to {_day(last.completed_at)}"
    )
    if len(groups) == 1:
        sentences = _episode_sentences(instrument, groups[0], "")
        return f"{text}. {sentences[0].upper()}{sentences[1:]}"
    return (
        f"{text}, in {len(groups)} episodes of care. In the latest episode: "
        f"{_episode_sentences(instrument, groups[-1], ' in this episode')}"
    )


def _episode_sentences(instrument: Instrument, group: list[MeasureResponse], where: str) -> str:
    baseline, last = episode_baseline(group), group[-1]
    text = (
        f"baseline {_number(_total(baseline))}{_band(baseline)} on {_day(baseline.completed_at)}"
    )
    if last is baseline:
        return f"{text}, its only result so far, so no change to show yet."
    low = min(group, key=lambda response: _total(response))
    high = max(group, key=lambda response: _total(response))
    return (
        f"{text}; latest {_number(_total(last))}{_band(last)} on "
        f"{_day(last.completed_at)}: {_change_words(instrument, _total(baseline), _total(last))}. "
        f"Lowest {_number(_total(low))}, highest {_number(_total(high))}{where}."
    )


def _change_words(instrument: Instrument, baseline: float, latest: float) -> str:
    if change.norms(instrument.code) is None:
        difference = latest - baseline
        signed = f"{difference:+g}" if difference else "0"
        return f"a change of {signed} ({change.NO_FIGURE})"
    words = change.classify(instrument.code, baseline, latest).label
    return words[0].lower() + words[1:]


def _band(response: MeasureResponse) -> str:
    words = [response.band_label.lower()] if response.band_label else []
    if not response.items_known:
        words.append(ITEMS_NOT_KNOWN)
    return f" ({', '.join(words)})" if words else ""
