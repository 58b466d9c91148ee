"""The caseload page's data: the clients a user may see, with their next appointment,
primary clinician and signals, in a fixed number of queries whatever the caseload size.

Signals are small badges beside a client ("interpreter needed", "missed last session").
caseload/composition.py lists every rule (CASELOAD_SIGNALS). Each rule names the part of the record
it is drawn from (clients.access.Part), and a page computes only the rules for the parts
the user's role covers: an intake worker's page never runs the risk or the measures
subqueries, so no clinical fact can reach it, even by mistake in a template. A rule names
the annotations it needs
(subqueries over the client) and how to turn them into badges. Every rule's annotations
go into the one query that loads the page, so a new signal costs no new query; that query
is compiled once and reused with each page's ids and the current time
(core/prepared.py), so a new signal costs little time either.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import (
    BigIntegerField,
    CharField,
    DateField,
    DateTimeField,
    Expression,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from caseload.clients.access import (
    Part,
    clients_visible_to,
    parts_for,
    visible_clients_rule,
)
from caseload.clients.models import (
    Appointment,
    Attendance,
    CareTeamRole,
    Client,
    ClientStatus,
    CommunicationProfile,
)
from caseload.core import clock
from caseload.core.composition import composed
from caseload.core.prepared import (
    Param,
    count_prepared,
    id_params,
    id_slots,
    id_values,
    run_prepared,
)


@dataclass(frozen=True)
class Signal:
    label: str
    level: str = "info"  # info, warning or danger: how it is drawn, not what it means
    detail: str = ""


@dataclass(frozen=True)
class SignalRule:
    """`annotations` are computed for each client on the page (in one query, with every
    other rule's); `signals` reads them from the client and returns its badges.

    The page's query is compiled once and reused (core.prepared), so an annotation never
    reads the clock: it uses `NOW` and `TODAY`, or Params of its own whose values
    `params()` gives on every run (a cutoff such as "72 hours ago").

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
    params: Callable[[], dict[str, object]] = dict
    page_data: Callable[[list[int]], dict] | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.part, Part):
            raise TypeError(f"signal {self.name!r} must name the record part it belongs to")


# The time a page's query runs at: bound on every run, never compiled into the SQL.
NOW = Param("now", DateTimeField())
TODAY = Param("today", DateField())


def rules_for(parts: frozenset[Part]) -> tuple[SignalRule, ...]:
    """The signal rules drawn from the record parts in `parts` (a role's parts,
    clients.access.parts_for): the only ones a page for that role computes."""
    rules: tuple[SignalRule, ...] = composed("CASELOAD_SIGNALS")
    return tuple(rule for rule in rules if rule.part in parts)


def caseload_queryset(user, *, include_discharged: bool = False) -> QuerySet[Client]:
    """The clients on `user`'s caseload, by name: cheap to count and to page through."""
    clients = clients_visible_to(user)
    if not include_discharged:
        clients = clients.exclude(status=ClientStatus.DISCHARGED)
    return clients.order_by("legal_name", "id")


class CaseloadListing:
    """The ids of the clients on `user`'s caseload, in name order, for Paginator:
    `count()` and slices run two prepared queries (core.prepared) of the access rule
    itself (clients.access.visible_clients_rule), with the user, the time and the
    search as Params. It lists exactly what `caseload_queryset` would."""

    ordered = True  # Paginator warns about unordered lists

    def __init__(self, user, *, include_discharged: bool = False, search: str = ""):
        self.visible = bool(parts_for(user))
        self.role = user.role if self.visible else ""
        self.include_discharged = include_discharged
        self.search = search
        self.values = {"user": user.pk, "now": clock.now(), "search": search}

    def _clients(self) -> QuerySet[Client]:
        rule = visible_clients_rule(
            self.role, Param("user", BigIntegerField()), Param("now", DateTimeField())
        )
        clients = Client.objects.filter(rule)
        if not self.include_discharged:
            clients = clients.exclude(status=ClientStatus.DISCHARGED)
        if self.search:
            search = Param("search", CharField())
            clients = clients.filter(
                Q(legal_name__icontains=search) | Q(preferred_name__icontains=search)
            )
        return clients

    def _key(self, purpose: str) -> tuple:
        return ("caseload listing", purpose, self.role, self.include_discharged, bool(self.search))

    def count(self) -> int:
        if not self.visible:
            return 0
        build = lambda: self._clients().order_by().values("id")  # noqa: E731
        return count_prepared(self._key("count"), build, self.values)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[int]:
        if not self.visible or window.stop <= window.start:
            return []
        rows = run_prepared(
            self._key("page"),
            lambda: self._clients().order_by("legal_name", "id").values("id"),
            self.values,
            limit=window.stop - window.start,
            offset=window.start,
        )
        return [row["id"] for row in rows]


_FIELDS = ("id", "legal_name", "preferred_name", "status")


def page_query(rules: tuple[SignalRule, ...], slots: int) -> QuerySet:
    """The page's one query for `slots` client ids: fields, next appointment, primary
    clinician and every rule's annotations, with Params for whatever changes per run."""
    upcoming = Appointment.objects.filter(
        client=OuterRef("pk"), starts_at__gte=NOW, attendance=Attendance.SCHEDULED
    ).order_by("starts_at")
    annotations: dict[str, Expression] = {}
    for rule in rules:
        annotations.update(rule.annotations())
    return (
        Client.objects.filter(pk__in=id_params("client", slots))
        .annotate(
            next_appointment=Subquery(upcoming.values("starts_at")[:1]),
            # One join: there is at most one primary clinician (a database constraint).
            primary_member=FilteredRelation(
                "care_team", condition=Q(care_team__role=CareTeamRole.PRIMARY)
            ),
            primary_first=F("primary_member__user__first_name"),
            primary_last=F("primary_member__user__last_name"),
            **annotations,
        )
        .order_by()
        .values(*_FIELDS, "next_appointment", "primary_first", "primary_last", *annotations)
    )


def page_values(rules: tuple[SignalRule, ...], client_ids: list[int]) -> dict[str, object]:
    """The values bound to the page query's Params for one run."""
    values: dict[str, object] = {"now": clock.now(), "today": clock.today()}
    for rule in rules:
        values.update(rule.params())
    values.update(id_values("client", client_ids))
    return values


def with_schedule(clients: list[Client], *, rules: tuple[SignalRule, ...]) -> list[Client]:
    """The page's clients with their next appointment, primary clinician and the
    annotations of `rules` (see `rules_for`), in one query. Done after paging, so the
    subqueries run for one page of clients, not the whole caseload."""
    return schedule_for_ids([client.pk for client in clients], rules=rules)


def schedule_for_ids(client_ids: list[int], *, rules: tuple[SignalRule, ...]) -> list[Client]:
    """`with_schedule` for a page of client ids (as CaseloadListing pages them)."""
    if not client_ids:
        return []
    slots = id_slots(len(client_ids))
    rows = run_prepared(
        ("caseload", rules, slots),
        lambda: page_query(rules, slots),
        page_values(rules, client_ids),
    )
    by_id = {}
    for row in rows:
        client = Client.from_db("default", _FIELDS, [row.pop(field) for field in _FIELDS])
        client.__dict__.update(row)
        by_id[client.pk] = client
    for rule in rules:
        if rule.page_data is not None:
            values = rule.page_data(list(by_id))
            for client_id, client in by_id.items():
                setattr(client, f"signal_{rule.name}", values.get(client_id))
    return [by_id[client_id] for client_id in client_ids if client_id in by_id]


def signals_of(client: Client, rules: tuple[SignalRule, ...]) -> list[Signal]:
    """The badges of `rules` for a client loaded through `with_schedule` with them."""
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
        Appointment.objects.filter(client=OuterRef("pk"), starts_at__lt=NOW)
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


@dataclass(frozen=True)
class CaseloadRow:
    """One line of the caseload page, its text prepared here: the template only prints
    it, which keeps rendering cheap on long caseloads."""

    client_id: int
    name: str
    url: str
    status: str
    next_at: str  # ISO 8601, for <time datetime>
    next_label: str
    primary: str
    signals: list[Signal]


def caseload_rows(
    clients: list[Client], *, show_record: bool, rules: tuple[SignalRule, ...]
) -> list[CaseloadRow]:
    """Rows for clients loaded through `with_schedule` with `rules`."""
    # Resolved once per page, not once per row: lazy translations and URL reversing are
    # the slow part of a long caseload.
    statuses = {value: str(label) for value, label in ClientStatus.choices}
    url_for = _url_pattern("clients:detail" if show_record else "clients:care_team")
    rows = []
    for client in clients:
        upcoming = client.next_appointment and timezone.localtime(client.next_appointment)
        rows.append(
            CaseloadRow(
                client_id=client.pk,
                name=client.display_name,
                url=url_for(client.pk),
                status=statuses.get(client.status, client.status),
                next_at=upcoming.isoformat() if upcoming else "",
                next_label=upcoming.strftime("%a %-d %b, %H:%M") if upcoming else "",
                primary=f"{client.primary_first or ''} {client.primary_last or ''}".strip(),
                signals=signals_of(client, rules),
            )
        )
    return rows


_MARKER = 9876543210


def _url_pattern(name: str) -> Callable[[int], str]:
    """reverse() once with a marker id, then fill in each client's id."""
    prefix, _, suffix = reverse(name, args=[_MARKER]).partition(str(_MARKER))
    return lambda client_id: f"{prefix}{client_id}{suffix}"


def rows_html(rows: list[CaseloadRow], *, show_record: bool) -> SafeString:
    """The table body for `rows`, built with format_html (which escapes every value)
    rather than a template loop: at 50 rows Django's template engine took about 7 ms, a
    fifth of the page. One format per row: the labels, the same on every row, are
    escaped once into the row's format string."""
    template = _row_template(show_record)
    none_booked = format_html('<span class="muted">{}</span>', _("none booked"))
    unassigned = format_html('<span class="muted">{}</span>', _("unassigned"))
    signals_label = _("Signals")
    return format_html_join(
        "\n",
        template,
        (
            (
                row.url,
                row.name,
                row.status,
                _next_cell(row, none_booked) if show_record else "",
                row.primary or unassigned,
                _signals_cell(tuple(row.signals), signals_label) if show_record else "",
            )
            for row in rows
        ),
    )


def _row_template(show_record: bool) -> str:
    def label(text: str) -> str:
        return str(escape(text)).replace("{", "{{").replace("}", "}}")

    cells = [
        f'<td data-label="{label(_("Client"))}"><a href="{{0}}">{{1}}</a></td>',
        f'<td data-label="{label(_("Status"))}">{{2}}</td>',
        f'<td data-label="{label(_("Next appointment"))}">{{3}}</td>' if show_record else "",
        f'<td data-label="{label(_("Primary clinician"))}">{{4}}</td>',
        "{5}",  # the signals cell, labelled only when it has any
    ]
    return "<tr>" + "".join(cells) + "</tr>"


def _next_cell(row: CaseloadRow, none_booked: SafeString) -> SafeString:
    if not row.next_at:
        return none_booked
    return format_html('<time datetime="{}">{}</time>', row.next_at, row.next_label)


@lru_cache(maxsize=512)
def _signals_cell(signals: tuple[Signal, ...], label: str) -> SafeString:
    """Cached: most rows carry one of a few sets of badges ("Note overdue", "Measure
    due"), and the cell is a function of its text alone."""
    if not signals:
        return _EMPTY_CELL
    badges = format_html_join(
        "",
        '<span class="badge {}"{}>{}</span>',
        (
            (
                signal.level,
                format_html(' title="{}"', signal.detail) if signal.detail else "",
                signal.label,
            )
            for signal in signals
        ),
    )
    return format_html('<td data-label="{}">{}</td>', label, badges)


_EMPTY_CELL = SafeString("<td></td>")
