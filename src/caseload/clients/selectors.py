"""Reads of the clients app that pages share."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.forms import DateField
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR

from caseload.accounts.models import AnyUser, User
from caseload.clients.access import Part, clients_visible_to, own_clients, parts_for
from caseload.clients.caseload import Signal, rules_for, signals_of
from caseload.clients.composition import client_actions, client_facts
from caseload.clients.models import (
    Appointment,
    AppointmentKind,
    Attendance,
    CareTeamMember,
    CareTeamRole,
    Client,
    ClientStatus,
)
from caseload.core import clock

CASELOAD_FIELDS = ("id", "legal_name", "preferred_name", "status")
PAGE_SIZE = 50  # a screenful; the search box finds the rest


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


def caseload_page(
    user: AnyUser,
    *,
    include_discharged: bool = False,
    search: str = "",
    number: int | str | None = None,
    per_page: int = PAGE_SIZE,
) -> Page[Client]:
    """Page `number` of `user`'s caseload (`caseload_clients`), its clients loaded by the
    door's own query and given their row's figures (`caseload_rows`). Two queries for
    the listing (the count and the page), then those of `caseload_rows`, however long
    the caseload: the door's query is cut to the page before any figure is read."""
    clients = caseload_clients(user, include_discharged=include_discharged, search=search)
    page = Paginator(clients.only(*CASELOAD_FIELDS), per_page).get_page(number)
    page.object_list = caseload_rows(user, list(page.object_list))
    return page


def caseload_rows(user: AnyUser, clients: list[Client]) -> list[Client]:
    """`clients` (a page of `caseload_clients`: they came out of the door) in their order,
    each given `next_appointment`, `primary_name` (the primary clinician's, or "") and
    `caseload_signals` (the badges of the rules for the user's record parts), with each
    rule's figure as `signal_<rule name>`.

    A fixed number of simple queries, each filtered to the page's ids: two for the
    schedule and the care team, and one per signal rule the user's role covers, all
    plain Django. It misses the page's 3x budget, and no hand-tuned path is kept for it:
    at 500 clients the page is about 10x the bare view on SQLite (11.0x in one run of
    `bench/run.py`, 9.5-9.8x in CPU time) and 6-7x on PostgreSQL, within noise of the
    one query with a correlated subquery per signal it replaced (12.2x; 10.1-10.5x in
    CPU time), since Django builds and compiles a subquery at about the cost of a query
    (1-4 ms each here). The hand-tuned page that compiled its query once through
    Django's internals was 4.5x, and missed the budget too (bench/README.md)."""
    client_ids = [client.pk for client in clients]
    if not client_ids:
        return []
    rules = rules_for(parts_for(user))
    next_appointments = _next_appointments(client_ids)
    primary_names = _primary_names(client_ids)
    figures = {rule.name: rule.page_data(client_ids) for rule in rules}
    for client in clients:
        # Any: the attributes set here are not on the model's type.
        row: Any = client
        row.next_appointment = next_appointments.get(client.pk)
        row.primary_name = primary_names.get(client.pk, "")
        mine = {name: values.get(client.pk) for name, values in figures.items()}
        for name, value in mine.items():
            setattr(row, f"signal_{name}", value)
        row.caseload_signals = signals_of(mine, rules)
    return clients


def _next_appointments(client_ids: list[int]) -> dict[int, datetime]:
    """When each client's next booked appointment starts."""
    upcoming = Appointment.objects.filter(
        client_id__in=client_ids, starts_at__gte=clock.now(), attendance=Attendance.SCHEDULED
    )
    return dict(
        upcoming.order_by()
        .values("client_id")
        .annotate(first=Min("starts_at"))
        .values_list("client_id", "first")
    )


def _primary_names(client_ids: list[int]) -> dict[int, str]:
    """The full name of each client's primary clinician (at most one: a database
    constraint)."""
    primaries = CareTeamMember.objects.filter(client_id__in=client_ids, role=CareTeamRole.PRIMARY)
    return {
        client_id: f"{first_name} {last_name}".strip(" ")
        for client_id, first_name, last_name in primaries.values_list(
            "client_id", "user__first_name", "user__last_name"
        )
    }


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


# --- the home pages (caseload.today) ------------------------------------------------


def appointments_of_clinician(
    user: AnyUser, *, start: datetime, end: datetime
) -> QuerySet[Appointment]:
    """The appointments `user` holds that start in [start, end), earliest first, for
    clients they may see (a booking left behind when they leave a client's care team is
    not theirs to record any more)."""
    return (
        Appointment.objects.filter(
            clinician_id=user.pk,
            starts_at__gte=start,
            starts_at__lt=end,
            client__in=clients_visible_to(user),
        )
        .select_related("client")
        .order_by("starts_at", "id")
    )


def intake_appointments(user: AnyUser, *, start: datetime, end: datetime) -> QuerySet[Appointment]:
    """Intake assessments of any clinician starting in [start, end), for the clients
    `user` may see (intake workers see the whole practice), earliest first."""
    return (
        Appointment.objects.filter(
            kind=AppointmentKind.INTAKE,
            starts_at__gte=start,
            starts_at__lt=end,
            client__in=clients_visible_to(user),
        )
        .select_related("client", "clinician")
        .order_by("starts_at", "id")
    )


def referrals_waiting(user: AnyUser) -> QuerySet[Client]:
    """Clients `user` may see who are still at referral, oldest first (they have waited
    longest)."""
    return (
        clients_visible_to(user)
        .filter(status=ClientStatus.REFERRAL)
        .only(*CASELOAD_FIELDS, "created_at")
        .order_by("created_at", "id")
    )


def unassigned_clients(user: AnyUser) -> QuerySet[Client]:
    """Clients `user` may see, not discharged, with no primary clinician, oldest first."""
    primary = CareTeamMember.objects.filter(client=OuterRef("pk"), role=CareTeamRole.PRIMARY)
    return (
        caseload_clients(user)
        .exclude(Exists(primary))
        .only(*CASELOAD_FIELDS, "created_at")
        .order_by("created_at", "id")
    )


def clients_needing_attention(user: User) -> list[Any]:
    """`user`'s own clients (their care teams, not discharged) with a caseload signal
    that asks for something: a warning or a danger badge, not an information one such as
    "interpreter". A fixed number of queries whatever the caseload's size: the clients,
    then `caseload_rows`'s (Clients with its figures, hence Any)."""
    mine = caseload_clients(user).filter(pk__in=own_clients(user).values("pk"))
    rows: list[Any] = caseload_rows(user, list(mine.only(*CASELOAD_FIELDS)))
    return [
        client
        for client in rows
        if any(signal.level != "info" for signal in client.caseload_signals)
    ]


def caseload_sizes(user_ids: Sequence[int]) -> dict[int, int]:
    """How many clients, not discharged, each of `user_ids` has on their care teams
    (the workload page's caseload figure), in one query."""
    counts = (
        CareTeamMember.objects.filter(user_id__in=user_ids)
        .exclude(client__status=ClientStatus.DISCHARGED)
        .values("user_id")
        .annotate(clients=Count("client_id", distinct=True))
    )
    return {row["user_id"]: row["clients"] for row in counts}


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
