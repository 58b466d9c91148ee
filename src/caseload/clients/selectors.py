"""Reads of the clients app that pages share."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import (
    CharField,
    Expression,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Concat, Trim
from django.forms import DateField
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR

from caseload.accounts.models import AnyUser
from caseload.clients.access import Part, clients_visible_to, parts_for
from caseload.clients.caseload import Signal, rules_for, signals_of
from caseload.clients.composition import client_actions, client_facts
from caseload.clients.models import Appointment, Attendance, CareTeamRole, Client, ClientStatus
from caseload.core import clock

CASELOAD_FIELDS = ("id", "legal_name", "preferred_name", "status")


def caseload_clients(
    user: AnyUser, *, include_discharged: bool = False, search: str = ""
) -> QuerySet[Client]:
    """The clients on `user`'s caseload, by name: the door's `clients_visible_to`, without
    discharged clients unless asked, narrowed by a search of either name (searched for
    literally: Django escapes LIKE's wildcards) or, when the search reads as a date and
    the user's role covers demographics, the date of birth (H-114: a role that may not
    see a date of birth may not find a client by it either). Cheap to count and to page
    through."""
    clients = clients_visible_to(user)
    if not include_discharged:
        clients = clients.exclude(status=ClientStatus.DISCHARGED)
    if search:
        match = Q(legal_name__icontains=search) | Q(preferred_name__icontains=search)
        born = _as_date(search)
        if born is not None and Part.DEMOGRAPHICS in parts_for(user):
            match |= Q(date_of_birth=born)
        clients = clients.filter(match)
    return clients.order_by("legal_name", "id")


def _as_date(text: str) -> date | None:
    """`text` as a date in one of the practice's input formats (DATE_INPUT_FORMATS:
    2001-04-30, 04/30/2001, ...), or None."""
    try:
        born: date | None = DateField().clean(text)
    except ValidationError:
        return None
    return born


def caseload_rows(user: AnyUser, client_ids: Sequence[int]) -> list[Client]:
    """The clients of `client_ids` (a page of `caseload_clients`) that `user` may see, in
    that order, each with `next_appointment`, `primary_name` (the primary clinician's,
    or "") and `caseload_signals` (the badges of the rules for the user's record parts).

    One query for the rows, whatever the page size (plus one per `page_data` rule). It is
    run for one page of ids rather than by annotating the whole caseload and slicing:
    SQLite computes select-list subqueries for every row it sorts, before the page is
    cut.

    Building and compiling its subqueries afresh is most of the caseload page's time
    (about 24 ms of 50 at 500 clients, bench/README.md; running them, under 1 ms). It is
    still plain Django on purpose: the page misses its 3x budget (11-12x) either way, and
    compiling it once through Django's internals (4.5x) missed it too."""
    if not client_ids:
        return []
    rules = rules_for(parts_for(user))
    annotations: dict[str, Expression] = {}
    for rule in rules:
        annotations.update(rule.annotations())
    upcoming = Appointment.objects.filter(
        client=OuterRef("pk"), starts_at__gte=clock.now(), attendance=Attendance.SCHEDULED
    ).order_by("starts_at")
    clients = (
        clients_visible_to(user)
        .filter(pk__in=client_ids)
        .only(*CASELOAD_FIELDS)
        .annotate(
            next_appointment=Subquery(upcoming.values("starts_at")[:1]),
            # One join: there is at most one primary clinician (a database constraint).
            primary_member=FilteredRelation(
                "care_team", condition=Q(care_team__role=CareTeamRole.PRIMARY)
            ),
            primary_name=Trim(
                Concat(
                    Coalesce("primary_member__user__first_name", Value("")),
                    Value(" "),
                    Coalesce("primary_member__user__last_name", Value("")),
                    output_field=CharField(),
                )
            ),
            **annotations,
        )
        .order_by()
    )
    # Any: the annotations and the badges set below are not on the model's type.
    by_id: dict[int, Any] = {client.pk: client for client in clients}
    for rule in rules:
        if rule.page_data is not None:
            values = rule.page_data(list(by_id))
            for client_id, client in by_id.items():
                setattr(client, f"signal_{rule.name}", values.get(client_id))
    for client in by_id.values():
        client.caseload_signals = signals_of(client, rules)
    return [by_id[client_id] for client_id in client_ids if client_id in by_id]


@dataclass(frozen=True)
class CaseloadRow:
    """One row of the caseload table, every value ready to print (the template only
    escapes them). `next_at` is the local time of the next appointment in ISO 8601 (the
    `datetime` attribute), `next_text` the same time as people read it; both "" when none
    is booked."""

    name: str
    url: str
    status: str
    next_at: str
    next_text: str
    primary_name: str
    signals: list[Signal]


def caseload_table(clients: Sequence[Any], *, show_record: bool) -> list[CaseloadRow]:
    """The table rows for `clients` (from `caseload_rows`: Clients with its annotations,
    which the model's type does not declare, hence Any), linking to each client's
    overview, or to their care team for a directory-only role (`show_record` False).

    Each value is worked out here once, not by the template per row: resolving a
    variable, `get_status_display` (it rebuilds the choices with their lazy
    translations on every call), a `date` filter and `{% url %}` cost a template
    about 1.5 ms a row, most of the page's rendering at 50 rows."""
    statuses = {value: str(label) for value, label in ClientStatus.choices}
    # The date filter's "D j M, H:i" (as the rest of the app shows appointments), its
    # translated day and month names looked up once: dateformat.format per row was most
    # of this function's time.
    days = [str(WEEKDAYS_ABBR[day]) for day in range(7)]
    months = {month: str(name).title() for month, name in MONTHS_3.items()}
    # Every client's link differs only by its id: reversed once, the id put in per row.
    url_name = "clients:detail" if show_record else "clients:care_team"
    head, _, tail = reverse(url_name, args=[0]).rpartition("/0/")
    rows = []
    for client in clients:
        next_at = next_text = ""
        if client.next_appointment is not None:
            local = timezone.localtime(client.next_appointment)
            next_at = local.isoformat()
            next_text = f"{days[local.weekday()]} {local.day} {months[local.month]}, {local:%H:%M}"
        rows.append(
            CaseloadRow(
                name=client.display_name,
                url=f"{head}/{client.pk}/{tail}",
                status=statuses.get(client.status, client.status),
                next_at=next_at,
                next_text=next_text,
                primary_name=client.primary_name,
                signals=client.caseload_signals,
            )
        )
    return rows


@dataclass(frozen=True)
class ClientHeader:
    """What the header of every page of a client shows besides the banners."""

    next_appointment: Appointment | None
    facts: list[tuple[str, dict[str, Any]]]  # (template, context) of the facts other apps add
    actions: list[tuple[str, str]]  # (label, url) of the quick actions the user may take


def client_header(user: AnyUser, client: Client) -> ClientHeader:
    """The header facts of `client` (who came out of the door) for `user`: the next
    booked appointment, the facts and quick actions of the record parts the user's role
    covers. A constant number of queries, whatever the client's history: one for the
    appointment, and each fact's own (clients.composition.ClientFact)."""
    parts = parts_for(user)
    next_appointment = None
    if Part.DEMOGRAPHICS in parts:
        next_appointment = (
            client.appointments.filter(attendance=Attendance.SCHEDULED, starts_at__gte=clock.now())
            .select_related("clinician")
            .order_by("starts_at")
            .first()
        )
    facts = []
    for fact in client_facts():
        if fact.part in parts:
            value = fact.value(client)
            if value is not None:
                facts.append((fact.template, value))
    actions = [
        (str(action.label), reverse(action.url_name, args=[client.pk]))
        for action in client_actions()
        if action.part in parts
    ]
    return ClientHeader(next_appointment=next_appointment, facts=facts, actions=actions)
