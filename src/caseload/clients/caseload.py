"""The caseload page's signals: small badges beside a client ("interpreter needed",
"missed last session"). caseload/composition.py lists every rule (CASELOAD_SIGNALS).

Each rule names the part of the record it is drawn from (clients.access.Part), and a
page computes only the rules for the parts the user's role covers: an intake worker's
page never runs the risk or the measures queries, so no clinical fact can reach it, even
by mistake in a template. A rule gives its figures for a whole page of clients in one
query filtered to the page's ids (`page_data`), and how to turn one client's figure into
badges (`signals`): the page's queries do not grow with the caseload, nor with its rows.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from caseload.clients.access import Part
from caseload.clients.models import Appointment, Attendance, CommunicationProfile
from caseload.core import clock
from caseload.core.composition import composed


@dataclass(frozen=True)
class Signal:
    label: str
    level: str = "info"  # info, warning or danger: how it is drawn, not what it means
    detail: str = ""


@dataclass(frozen=True)
class SignalRule:
    """`page_data(client_ids) -> {client_id: figure}` reads the rule's figure for every
    client of a page in ONE query filtered to those ids (a client with nothing to show
    may be left out); `signals(figure)` turns one client's figure (None when it was left
    out) into its badges. The page also keeps the figure on the client as
    `signal_<name>`.

    Each rule runs its own short query rather than adding a correlated subquery to one
    query for the page: not for speed (Django takes about as long to build and compile
    either, 1-4 ms a rule, bench/README.md), but so that each rule is one plain query
    over the page's ids that can be read and tested on its own (H-128). `page_data` is
    called afresh for every page, so a rule that needs the time reads the clock when it
    is called (a cutoff such as "72 hours ago"); it must never keep a time from an
    earlier call (H-061).

    `part` is the part of the record the badge tells about; a user whose role does not
    cover it gets neither the badge nor its query. It has no default on purpose: a
    new badge states where it belongs."""

    name: str
    part: Part
    page_data: Callable[[list[int]], dict[int, Any]]
    signals: Callable[[Any], list[Signal]]

    def __post_init__(self) -> None:
        if not isinstance(self.part, Part):
            raise TypeError(f"signal {self.name!r} must name the record part it belongs to")


def latest_per_client(queryset, *, order_by: list, fields: tuple[str, ...]) -> dict[int, Any]:
    """{client_id: the `fields` of the first row of `queryset` for that client, by
    `order_by`}, in one query: a window ranks each client's rows and only the first is
    read, however many rows a client has. One field gives its value, several a tuple.
    `order_by` should end with a unique column, so the first row is always the same
    one."""
    ranked = (
        queryset.annotate(
            client_rank=Window(RowNumber(), partition_by=[F("client_id")], order_by=order_by)
        )
        .filter(client_rank=1)
        .order_by()
    )
    if len(fields) == 1:
        return dict(ranked.values_list("client_id", *fields))
    return {row[0]: row[1:] for row in ranked.values_list("client_id", *fields)}


def rules_for(parts: frozenset[Part]) -> tuple[SignalRule, ...]:
    """The signal rules drawn from the record parts in `parts` (a role's parts,
    clients.access.parts_for): the only ones a page for that role computes."""
    rules: tuple[SignalRule, ...] = composed("CASELOAD_SIGNALS")
    return tuple(rule for rule in rules if rule.part in parts)


def signals_of(figures: dict[str, Any], rules: tuple[SignalRule, ...]) -> list[Signal]:
    """The badges of `rules` for one client, from their figures by rule name."""
    return [signal for rule in rules for signal in rule.signals(figures.get(rule.name))]


def _interpreter_languages(client_ids: list[int]) -> dict[int, str]:
    """The language of each client who needs an interpreter ("" when not recorded)."""
    profiles = CommunicationProfile.objects.filter(
        client_id__in=client_ids, interpreter_needed=True
    )
    return dict(profiles.values_list("client_id", "interpreter_language"))


INTERPRETER = SignalRule(
    name="interpreter",
    part=Part.COMMUNICATION,
    page_data=_interpreter_languages,
    signals=lambda language: (
        [Signal(f"Interpreter: {language or 'needed'}", "info")] if language is not None else []
    ),
)


def _last_attendance(client_ids: list[int]) -> dict[int, str]:
    """The attendance of each client's most recent past appointment that has one."""
    past = Appointment.objects.filter(client_id__in=client_ids, starts_at__lt=clock.now()).exclude(
        attendance=Attendance.SCHEDULED
    )
    return latest_per_client(
        past, order_by=[F("starts_at").desc(), F("id").desc()], fields=("attendance",)
    )


_MISSED = {
    Attendance.NO_SHOW: "Missed last session",
    Attendance.LATE_CANCELLATION: "Late cancellation last time",
}

MISSED_LAST_SESSION = SignalRule(
    name="missed_last_session",
    part=Part.DEMOGRAPHICS,  # attendance: the scheduling side of the record
    page_data=_last_attendance,
    signals=lambda attendance: (
        [Signal(_MISSED[attendance], "warning")] if attendance in _MISSED else []
    ),
)
