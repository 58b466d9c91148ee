"""The caseload page's data: the clients a user may see, with their next appointment,
primary clinician and signals, in a fixed number of queries whatever the caseload size.

Signals are small badges beside a client ("interpreter needed", "missed last session").
Other apps add their own with `register_signal`; each provider is handed the whole page
of clients at once and must answer with a constant number of queries.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery

from caseload.accounts.access import clients_visible_to
from caseload.clients.models import (
    Appointment,
    Attendance,
    CareTeamMember,
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


SignalProvider = Callable[[list[Client], object], dict[int, list[Signal]]]
_PROVIDERS: list[SignalProvider] = []


def register_signal(provider: SignalProvider) -> SignalProvider:
    _PROVIDERS.append(provider)
    return provider


def caseload_queryset(user, *, include_discharged: bool = False) -> QuerySet[Client]:
    upcoming = Appointment.objects.filter(
        client=OuterRef("pk"), starts_at__gte=clock.now(), attendance=Attendance.SCHEDULED
    ).order_by("starts_at")
    primary = CareTeamMember.objects.filter(client=OuterRef("pk"), role=CareTeamRole.PRIMARY)
    clients = clients_visible_to(user).annotate(
        next_appointment=Subquery(upcoming.values("starts_at")[:1]),
        primary_first=Subquery(primary.values("user__first_name")[:1]),
        primary_last=Subquery(primary.values("user__last_name")[:1]),
    )
    if not include_discharged:
        clients = clients.exclude(status=ClientStatus.DISCHARGED)
    return clients.order_by("legal_name", "id")


def signals_for(clients: Iterable[Client], user) -> dict[int, list[Signal]]:
    page = list(clients)
    merged: dict[int, list[Signal]] = defaultdict(list)
    for provider in _PROVIDERS:
        for client_id, signals in provider(page, user).items():
            merged[client_id].extend(signals)
    return merged


@register_signal
def _interpreter_signal(clients: list[Client], user) -> dict[int, list[Signal]]:
    profiles = CommunicationProfile.objects.filter(
        client__in=[c.pk for c in clients], interpreter_needed=True
    ).values_list("client_id", "interpreter_language")
    return {
        client_id: [Signal(f"Interpreter: {language or 'needed'}", "info")]
        for client_id, language in profiles
    }


@register_signal
def _missed_last_session(clients: list[Client], user) -> dict[int, list[Signal]]:
    """The client's most recent past appointment was a no-show or late cancellation."""
    latest = (
        Appointment.objects.filter(client=OuterRef("client_id"), starts_at__lt=clock.now())
        .exclude(attendance=Attendance.SCHEDULED)
        .order_by("-starts_at")
    )
    missed = (
        Appointment.objects.filter(client__in=[c.pk for c in clients])
        .filter(pk=Subquery(latest.values("pk")[:1]))
        .filter(attendance__in=[Attendance.NO_SHOW, Attendance.LATE_CANCELLATION])
        .values_list("client_id", "attendance")
    )
    return {
        client_id: [
            Signal(
                "Missed last session"
                if attendance == Attendance.NO_SHOW
                else "Late cancellation last time",
                "warning",
            )
        ]
        for client_id, attendance in missed
    }
