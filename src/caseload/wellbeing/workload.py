"""The workload picture: figures about one professional's own work, the practice's
thresholds, and the kind nudges shown when a figure reaches its threshold.

Figures count only the professional's own care-team clients, appointments and contacts,
and never name a client, because their supervisor sees the same figures. Patterns (which
may name a client) are for the professional alone.

Crisis events and risk assessments come from the safety app (safety/models).
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from caseload.clients.access import workload_clients
from caseload.clients.models import Attendance, Client
from caseload.core import clock
from caseload.safety.models import Alert, AlertState, CrisisEvent, CrisisOutcome
from caseload.safety.models.assessments import ALERTING_LEVELS
from caseload.safety.selectors import latest_assessments
from caseload.wellbeing.figures import registered_figures
from caseload.wellbeing.models import BoundaryEvent, BoundaryKind, ContactLog, WorkloadSettings

RECENT_DAYS = 30
FORTNIGHT = 14
STREAK_LOOKBACK_DAYS = 90
NOT_WORKED = (Attendance.CANCELLED_BY_CLIENT, Attendance.CANCELLED_BY_CLINICIAN)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int | None  # None: the source is not installed in this practice
    note: str = ""


@dataclass(frozen=True)
class Nudge:
    key: str
    message: str
    suggest_supervision: bool = False


@dataclass(frozen=True)
class Workload:
    figures: list[Figure]
    nudges: list[Nudge]

    def value(self, key: str) -> int | None:
        return next((figure.value for figure in self.figures if figure.key == key), None)


@dataclass(frozen=True)
class Pattern:
    key: str
    message: str
    client: Client | None = None


# --- where the counts come from -------------------------------------------------------


def crisis_events_since(client_ids, since: datetime.datetime) -> QuerySet[CrisisEvent]:
    return CrisisEvent.objects.filter(client_id__in=client_ids, started_at__gte=since)


def serious_incidents_since(client_ids, since: datetime.datetime) -> list[CrisisEvent]:
    """Crisis events closed as a serious incident: each offers the team a debrief."""
    events = crisis_events_since(client_ids, since).filter(outcome=CrisisOutcome.SERIOUS)
    return list(events.select_related("client"))


def high_risk_client_ids(client_ids) -> set[int]:
    """Clients whose latest risk assessment is high or imminent."""
    latest = latest_assessments(OuterRef("pk")).values("risk_level")[:1]
    return set(
        Client.objects.filter(pk__in=client_ids)
        .annotate(latest_level=Subquery(latest))
        .filter(latest_level__in=ALERTING_LEVELS)
        .values_list("pk", flat=True)
    )


def days_worked_in_a_row(user, today: datetime.date) -> int:
    """Consecutive days up to today with a session held or a contact logged. Today only
    counts once there is work in it (a day off can still be taken today)."""
    since = clock.now() - datetime.timedelta(days=STREAK_LOOKBACK_DAYS)
    moments = list(
        user.appointments.filter(starts_at__gte=since, starts_at__lte=clock.now())
        .exclude(attendance__in=NOT_WORKED)
        .values_list("starts_at", flat=True)
    )
    moments += list(
        ContactLog.objects.filter(professional=user, started_at__gte=since).values_list(
            "started_at", flat=True
        )
    )
    worked = {timezone.localtime(moment).date() for moment in moments}
    day = today if today in worked else today - datetime.timedelta(days=1)
    streak = 0
    while day in worked:
        streak += 1
        day -= datetime.timedelta(days=1)
    return streak


def _week_bounds(today: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    monday = today - datetime.timedelta(days=today.weekday())
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time()))
    return start, start + datetime.timedelta(days=7)


# --- the picture ----------------------------------------------------------------------


def workload_for(user) -> Workload:
    """The professional's figures and the nudges their thresholds raise."""
    thresholds = WorkloadSettings.current()
    now, today = clock.now(), clock.today()
    client_ids = list(workload_clients(user).values_list("pk", flat=True))
    month_ago = now - datetime.timedelta(days=RECENT_DAYS)
    fortnight = crisis_events_since(client_ids, now - datetime.timedelta(days=FORTNIGHT)).count()
    week_start, week_end = _week_bounds(today)
    figures = [
        Figure("active_caseload", _("Active caseload"), len(client_ids)),
        Figure("high_risk", _("Clients at high risk"), len(high_risk_client_ids(client_ids))),
        Figure(
            "open_alerts",
            _("Open safety alerts"),
            Alert.objects.filter(client_id__in=client_ids, state=AlertState.OPEN).count(),
        ),
        Figure(
            "crisis_events_30",
            _("Crisis events, last 30 days"),
            crisis_events_since(client_ids, month_ago).count(),
        ),
        Figure(
            "out_of_hours_30",
            _("Out-of-hours contacts, last 30 days"),
            ContactLog.objects.filter(
                professional=user, out_of_hours=True, started_at__gte=month_ago
            ).count(),
        ),
        Figure(
            "sessions_week",
            _("Sessions this week"),
            user.appointments.filter(starts_at__gte=week_start, starts_at__lt=week_end)
            .exclude(attendance__in=NOT_WORKED)
            .count(),
        ),
        Figure(
            "days_in_a_row", _("Days worked without a break"), days_worked_in_a_row(user, today)
        ),
    ]
    nudges = _builtin_nudges(thresholds, {f.key: f.value for f in figures}, fortnight)
    for extra in registered_figures():
        value = extra.count(user)
        # Labels are often lazy translations: made into text here, in the request's language.
        figures.append(Figure(extra.key, str(extra.label), value))
        if extra.nudge_at is not None and value >= extra.nudge_at:
            message = str(extra.nudge).format(count=value, threshold=extra.nudge_at)
            nudges.append(Nudge(extra.key, message, extra.suggest_supervision))
    return Workload(figures=figures, nudges=nudges)


def _builtin_nudges(thresholds: WorkloadSettings, values: dict, fortnight: int | None):
    """One nudge per figure at or above its threshold; nothing below it."""
    rules = [
        (
            "active_caseload",
            values["active_caseload"],
            thresholds.caseload_capacity,
            _(
                "Your caseload is {count}, at or above the practice's full caseload of "
                "{threshold}. It is fine to say no to new work for now; your supervisor can "
                "help you look at what might move."
            ),
            True,
        ),
        (
            "high_risk",
            values["high_risk"],
            thresholds.high_risk_clients,
            _(
                "{count} of your clients are at high risk right now. That is a lot to hold "
                "alone: consider booking supervision to share it."
            ),
            True,
        ),
        (
            "crisis_fortnight",
            fortnight,
            thresholds.alerts_and_crises,
            _(
                "You have had {count} crisis events this fortnight: consider booking a "
                "debrief with your supervisor."
            ),
            True,
        ),
        (
            "out_of_hours_30",
            values["out_of_hours_30"],
            thresholds.out_of_hours_contacts,
            _(
                "{count} of your contacts in the last 30 days were out of hours. It may be "
                "worth checking whether the agreed contact times still work, for your "
                "clients and for you."
            ),
            False,
        ),
        (
            "sessions_week",
            values["sessions_week"],
            thresholds.sessions_per_week,
            _(
                "{count} sessions this week, at or above the {threshold} the practice counts "
                "as a full week. Please protect your breaks between them."
            ),
            False,
        ),
        (
            "days_in_a_row",
            values["days_in_a_row"],
            thresholds.days_without_break,
            _(
                "You have worked {count} days in a row. Rest is part of doing this work "
                "well: please plan a day off soon."
            ),
            False,
        ),
    ]
    return [
        Nudge(key, message.format(count=value, threshold=threshold), suggest)
        for key, value, threshold, message, suggest in rules
        if value is not None and threshold and value >= threshold
    ]


def patterns_for(user) -> list[Pattern]:
    """Gentle patterns for the professional themself (they may name a client)."""
    thresholds = WorkloadSettings.current()
    month_ago = clock.now() - datetime.timedelta(days=RECENT_DAYS)
    found: list[Pattern] = []
    out_of_hours = Counter(
        ContactLog.objects.filter(
            professional=user, out_of_hours=True, started_at__gte=month_ago
        ).values_list("client_id", flat=True)
    )
    per_client = thresholds.out_of_hours_one_client
    # A threshold of 0 turns the pattern off, like every other threshold.
    repeated = {cid: n for cid, n in out_of_hours.items() if per_client and n >= per_client}
    for client in Client.objects.filter(pk__in=repeated).order_by("legal_name"):
        message = _(
            "You have had {count} out-of-hours contacts with {name} in the last 30 days. "
            "It might help to revisit the contact agreement together."
        ).format(count=repeated[client.pk], name=client.display_name)
        found.append(Pattern("out_of_hours_one_client", message, client))
    running_over = BoundaryEvent.objects.filter(
        professional=user,
        kind=BoundaryKind.EXTENDED_SESSION,
        occurred_on__gte=month_ago.date(),
    ).count()
    if thresholds.sessions_running_over and running_over >= thresholds.sessions_running_over:
        message = _(
            "{count} of your sessions ran over in the last 30 days. Running over often "
            "means something important is arriving late in the hour; supervision is a good "
            "place to think about it."
        ).format(count=running_over)
        found.append(Pattern("sessions_running_over", message))
    waiting = waiting_for_supervision(user).count()
    if waiting:
        message = ngettext(
            "{count} boundary entry is waiting to be discussed in supervision.",
            "{count} boundary entries are waiting to be discussed in supervision.",
            waiting,
        ).format(count=waiting)
        found.append(Pattern("waiting_for_supervision", message))
    return found


def waiting_for_supervision(user) -> QuerySet[BoundaryEvent]:
    return BoundaryEvent.objects.filter(
        professional=user, discuss_in_supervision=True, discussed_in__isnull=True
    )


def debriefs_for(user) -> list:
    """Serious incidents of the professional's clients in the last 30 days: each one
    offers a debrief."""
    since = clock.now() - datetime.timedelta(days=RECENT_DAYS)
    return serious_incidents_since(workload_clients(user).values("pk"), since)
