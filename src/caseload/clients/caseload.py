"""The caseload page's signals: small badges beside a client ("interpreter needed",
"missed last session"). caseload/composition.py lists every rule (CASELOAD_SIGNALS).

Each rule names the part of the record it is drawn from (clients.access.Part), and a
page computes only the rules for the parts the user's role covers: an intake worker's
page never runs the risk or the measures subqueries, so no clinical fact can reach it,
even by mistake in a template. A rule names the annotations it needs (subqueries over
the client) and how to turn them into badges. Every rule's annotations go into the one
query that loads a page of the caseload (clients.selectors.caseload_rows), so a new
signal costs no new query.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Expression, OuterRef, Subquery

from caseload.clients.access import Part
from caseload.clients.models import Appointment, Attendance, Client, CommunicationProfile
from caseload.core import clock
from caseload.core.composition import composed


@dataclass(frozen=True)
class Signal:
    label: str
    level: str = "info"  # info, warning or danger: how it is drawn, not what it means
    detail: str = ""


@dataclass(frozen=True)
class SignalRule:
    """`annotations` are computed for each client on the page (in one query, with every
    other rule's); `signals` reads them from the client and returns its badges.

    `annotations()` is called afresh for every page, so an annotation that needs the
    time reads the clock when it is called (a cutoff such as "72 hours ago"); it must
    never keep a time from an earlier call.

    A rule whose figures need a window over many rows per client (where correlated
    subqueries would be repeated for every row of the page) may instead give
    `page_data(client_ids) -> {client_id: value}`: ONE query for the whole page, its value
    set on each client as `signal_<name>` before `signals` is called.

    `part` is the part of the record the badge tells about; a user whose role does not
    cover it gets neither the badge nor its query. It has no default on purpose: a
    new badge states where it belongs."""

    name: str
    part: Part
    signals: Callable[[Client], list[Signal]]
    annotations: Callable[[], dict[str, Expression]] = dict
    page_data: Callable[[list[int]], dict] | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.part, Part):
            raise TypeError(f"signal {self.name!r} must name the record part it belongs to")


def rules_for(parts: frozenset[Part]) -> tuple[SignalRule, ...]:
    """The signal rules drawn from the record parts in `parts` (a role's parts,
    clients.access.parts_for): the only ones a page for that role computes."""
    rules: tuple[SignalRule, ...] = composed("CASELOAD_SIGNALS")
    return tuple(rule for rule in rules if rule.part in parts)


def signals_of(client: Client, rules: tuple[SignalRule, ...]) -> list[Signal]:
    """The badges of `rules` for a client loaded with their annotations."""
    return [signal for rule in rules for signal in rule.signals(client)]


INTERPRETER = SignalRule(
    name="interpreter",
    part=Part.COMMUNICATION,
    annotations=lambda: {
        "signal_interpreter": Subquery(
            CommunicationProfile.objects.filter(
                client=OuterRef("pk"), interpreter_needed=True
            ).values("interpreter_language")[:1]
        )
    },
    signals=lambda client: (
        [Signal(f"Interpreter: {client.signal_interpreter or 'needed'}", "info")]
        if client.signal_interpreter is not None
        else []
    ),
)


def _last_attendance() -> dict[str, Expression]:
    """The attendance of the client's most recent past appointment that has one."""
    latest = (
        Appointment.objects.filter(client=OuterRef("pk"), starts_at__lt=clock.now())
        .exclude(attendance=Attendance.SCHEDULED)
        .order_by("-starts_at")
    )
    return {"signal_last_attendance": Subquery(latest.values("attendance")[:1])}


_MISSED = {
    Attendance.NO_SHOW: "Missed last session",
    Attendance.LATE_CANCELLATION: "Late cancellation last time",
}

MISSED_LAST_SESSION = SignalRule(
    name="missed_last_session",
    part=Part.DEMOGRAPHICS,  # attendance: the scheduling side of the record
    annotations=_last_attendance,
    signals=lambda client: (
        [Signal(_MISSED[client.signal_last_attendance], "warning")]
        if client.signal_last_attendance in _MISSED
        else []
    ),
)
