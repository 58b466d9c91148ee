"""Reads of the clients app that pages share."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import (
    CharField,
    Count,
    Exists,
    Expression,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Concat, Trim
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR

from caseload.accounts.models import AnyUser, User
from caseload.clients.access import clients_visible_to, own_clients, parts_for
from caseload.clients.caseload import Signal, rules_for, signals_of
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


def caseload_clients(
    user: AnyUser, *, include_discharged: bool = False, search: str = ""
) -> QuerySet[Client]:
    """The clients on `user`'s caseload, by name: the door's `clients_visible_to`, without
    discharged clients unless asked, narrowed by a search of either name (searched for
    literally: Django escapes LIKE's wildcards). Cheap to count and to page through."""
    clients = clients_visible_to(user)
    if not include_discharged:
        clients = clients.exclude(status=ClientStatus.DISCHARGED)
    if search:
        clients = clients.filter(
            Q(legal_name__icontains=search) | Q(preferred_name__icontains=search)
        )
    return clients.order_by("legal_name", "id")


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
    "interpreter". Two queries (plus one per `page_data` rule), whatever the caseload's
    size: the ids, then `caseload_rows` (Clients with its annotations, hence Any)."""
    mine = caseload_clients(user).filter(pk__in=own_clients(user).values("pk"))
    rows: list[Any] = caseload_rows(user, list(mine.values_list("pk", flat=True)))
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
