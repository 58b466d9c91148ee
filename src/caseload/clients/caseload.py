"""The caseload page's data: the clients a user may see, with their next appointment,
primary clinician and signals, in a fixed number of queries whatever the caseload size.

Signals are small badges beside a client ("interpreter needed", "missed last session").
Other apps add their own with `register_signal`: a rule names the annotations it needs
(subqueries over the client) and how to turn them into badges. Every rule's annotations
go into the one query that loads the page, so a new signal costs no new query.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Expression, F, FilteredRelation, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from caseload.accounts.access import clients_visible_to
from caseload.clients.models import (
    Appointment,
    Attendance,
    CareTeamRole,
    Client,
    ClientStatus,
    CommunicationProfile,
)
from caseload.core import clock


@dataclass(frozen=True)
class Signal:
    label: str
    level: str = "info"  # info, warning or danger: how it is drawn, not what it means
    detail: str = ""


@dataclass(frozen=True)
class SignalRule:
    """`annotations` are computed for each client on the page (in one query, with every
    other rule's); `signals` reads them from the client and returns its badges.

    A rule whose figures need a window over many rows per client (where correlated
    subqueries would be repeated for every row of the page) may instead give
    `page_data(client_ids) -> {client_id: value}`: ONE query for the whole page, its value
    set on each client as `signal_<name>` before `signals` is called."""

    name: str
    signals: Callable[[Client], list[Signal]]
    annotations: Callable[[], dict[str, Expression]] = dict
    page_data: Callable[[list[int]], dict] | None = None


_RULES: list[SignalRule] = []


def register_signal(rule: SignalRule) -> SignalRule:
    _RULES.append(rule)
    return rule


def caseload_queryset(user, *, include_discharged: bool = False) -> QuerySet[Client]:
    """The clients on `user`'s caseload, by name: cheap to count and to page through."""
    clients = clients_visible_to(user)
    if not include_discharged:
        clients = clients.exclude(status=ClientStatus.DISCHARGED)
    return clients.order_by("legal_name", "id")


def with_schedule(clients: list[Client], *, with_signals: bool = True) -> list[Client]:
    """The page's clients with their next appointment, primary clinician and the
    signals' annotations, in one query. Done after paging, so the subqueries run for one
    page of clients, not the whole caseload."""
    upcoming = Appointment.objects.filter(
        client=OuterRef("pk"), starts_at__gte=clock.now(), attendance=Attendance.SCHEDULED
    ).order_by("starts_at")
    annotations: dict[str, Expression] = {}
    if with_signals:
        for rule in _RULES:
            annotations.update(rule.annotations())
    annotated = Client.objects.filter(pk__in=[client.pk for client in clients]).annotate(
        next_appointment=Subquery(upcoming.values("starts_at")[:1]),
        # One join: there is at most one primary clinician (a database constraint).
        primary_member=FilteredRelation(
            "care_team", condition=Q(care_team__role=CareTeamRole.PRIMARY)
        ),
        primary_first=F("primary_member__user__first_name"),
        primary_last=F("primary_member__user__last_name"),
        **annotations,
    )
    by_id = {client.pk: client for client in annotated}
    if with_signals:
        for rule in _RULES:
            if rule.page_data is not None:
                values = rule.page_data(list(by_id))
                for client_id, client in by_id.items():
                    setattr(client, f"signal_{rule.name}", values.get(client_id))
    return [by_id[client.pk] for client in clients if client.pk in by_id]


def signals_of(client: Client) -> list[Signal]:
    """The badges for a client loaded through `with_schedule`."""
    return [signal for rule in _RULES for signal in rule.signals(client)]


register_signal(
    SignalRule(
        name="interpreter",
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

register_signal(
    SignalRule(
        name="missed_last_session",
        annotations=_last_attendance,
        signals=lambda client: (
            [Signal(_MISSED[client.signal_last_attendance], "warning")]
            if client.signal_last_attendance in _MISSED
            else []
        ),
    )
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


def caseload_rows(clients: list[Client], *, show_record: bool) -> list[CaseloadRow]:
    """Rows for clients loaded through `with_schedule`."""
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
                signals=signals_of(client) if show_record else [],
            )
        )
    return rows


_MARKER = 9876543210


def _url_pattern(name: str) -> Callable[[int], str]:
    """reverse() once with a marker id, then fill in each client's id."""
    prefix, _, suffix = reverse(name, args=[_MARKER]).partition(str(_MARKER))
    return lambda client_id: f"{prefix}{client_id}{suffix}"
