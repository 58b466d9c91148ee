"""Each role's home page, composed from the selectors of the apps that own each fact.

Nothing here decides who may see what: every list starts from the door
(clients.access) or from a selector that does, so a home page shows no more than the
pages it links to. Each home is a fixed number of queries whatever the size of the
caseload (tests/today/test_home_queries.py), and names the clients it lists
(`client_ids`) so that reading it is audited like the caseload page.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from caseload.accounts.models import Role, User
from caseload.accounts.selectors import StaffSummary, staff_summary
from caseload.clients.access import clients_visible_to, own_clients, supervisees_of
from caseload.clients.models import Attendance
from caseload.clients.selectors import (
    appointments_of_clinician,
    caseload_sizes,
    clients_needing_attention,
    intake_appointments,
    referrals_waiting,
    unassigned_clients,
)
from caseload.core import clock
from caseload.measures.selectors import clients_with_measures_due
from caseload.notes.overdue import overdue_notes_by_person
from caseload.notes.selectors import cosign_queue, notes_to_sign, sessions_without_note
from caseload.plans.selectors import feedback_to_read
from caseload.privacy.audit_forms import AuditTrailForm
from caseload.privacy.selectors import (
    disclosures_for_officer,
    grants_awaiting_review,
    reports_to_make,
)
from caseload.safety.alerts import open_alerts_most_severe_first
from caseload.safety.tasks import follow_ups_for

# Longest a task list grows on the home page; the page links to the full list beyond it.
# Alerts are never cut short: an open alert missing from the home page is the worst
# kind of miss (H-112).
TASK_LIMIT = 20
# Notes to co-sign are few on Today (the oldest); the team view counts them all.
COSIGN_LIMIT = 5

# The outcomes recordable in one click from the home page, with the short labels of its
# buttons (the group they sit in names the client and the time). "Scheduled", what there
# is before anything is recorded, is set back on the client's appointments page.
ATTENDANCE_OUTCOMES = [
    (Attendance.ATTENDED, _("Attended")),
    (Attendance.NO_SHOW, _("No-show")),
    (Attendance.LATE_CANCELLATION, _("Late cancel")),
    (Attendance.CANCELLED_BY_CLIENT, _("Client cancelled")),
    (Attendance.CANCELLED_BY_CLINICIAN, _("We cancelled")),
]


def day_start(day: date) -> datetime:
    """Midnight at the start of `day` in the practice's time zone (settings.TIME_ZONE)."""
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class Day:
    label: str | Promise
    day: date
    appointments: list[Any]
    recordable: bool  # attendance is recorded from the home page on the day itself


@dataclass(frozen=True)
class TeamMember:
    person: User
    clients: int
    overdue_notes: int
    cosigns_waiting: int


@dataclass
class Home:
    """What a home page shows: its template, its context and the clients it names."""

    template: str
    context: dict[str, Any]
    client_ids: set[int] = field(default_factory=set)


def _ids(*groups) -> set[int]:
    return {row.client_id for group in groups for row in group}


def schedule(user: User, today: date) -> list[Day]:
    """`user`'s appointments today and tomorrow, one query."""
    appointments = list(
        appointments_of_clinician(
            user, start=day_start(today), end=day_start(today + timedelta(2))
        )
    )
    tomorrow = day_start(today + timedelta(1))
    return [
        Day(_("Today"), today, [a for a in appointments if a.starts_at < tomorrow], True),
        Day(
            _("Tomorrow"),
            today + timedelta(1),
            [a for a in appointments if a.starts_at >= tomorrow],
            False,
        ),
    ]


def clinician_home(user: User) -> Home:
    """The clinician's Today: their appointments, the open alerts of their own clients
    (most severe first), their tasks and the clients whose signals ask for attention."""
    now = clock.now()
    days = schedule(user, clock.today())
    own_ids = set(own_clients(user).values_list("pk", flat=True))
    alerts = list(open_alerts_most_severe_first(user))
    own_alerts = [alert for alert in alerts if alert.client_id in own_ids]
    mine = clients_visible_to(user).filter(pk__in=own_ids)
    tasks: dict[str, list[Any]] = {
        "follow_ups": list(follow_ups_for(user)[:TASK_LIMIT]),
        "notes_to_sign": list(notes_to_sign(user)[:TASK_LIMIT]),
        "sessions_without_note": list(sessions_without_note(user)[:TASK_LIMIT]),
        "measures_due": list(clients_with_measures_due(mine)[:TASK_LIMIT]),
        "feedback": list(feedback_to_read(mine)[:TASK_LIMIT]),
        "cosigns": list(cosign_queue(user)[:COSIGN_LIMIT]) if user.role == Role.SUPERVISOR else [],
    }
    attention = clients_needing_attention(user)
    context = {
        "days": days,
        "alerts": own_alerts,
        "tasks": tasks,
        "task_count": sum(len(rows) for rows in tasks.values()),
        "task_limit": TASK_LIMIT,
        "attention": attention,
        "now": now,
        "attendance_outcomes": ATTENDANCE_OUTCOMES,
    }
    listed = [rows for key, rows in tasks.items() if key != "measures_due"]
    ids = _ids(own_alerts, *(day.appointments for day in days), *listed)
    ids |= {client.pk for client in [*tasks["measures_due"], *attention]}
    if user.role == Role.SUPERVISOR:
        team_alerts = [alert for alert in alerts if alert.client_id not in own_ids]
        context["team_alerts"] = team_alerts
        members = team(user)
        context["team"] = members
        context["show_team"] = True
        context["cosigns_waiting"] = sum(member.cosigns_waiting for member in members)
        ids |= _ids(team_alerts)
    ids.discard(None)
    return Home("today/clinician.html", context, ids)


def team(supervisor: User) -> list[TeamMember]:
    """Each supervisee with the workload page's caseload and overdue-notes figures and
    the notes of theirs waiting for the supervisor's co-signature: four queries, whatever
    the team's size."""
    people = list(
        supervisees_of(supervisor).filter(is_active=True).order_by("last_name", "first_name")
    )
    ids = [person.pk for person in people]
    sizes = caseload_sizes(ids)
    overdue = overdue_notes_by_person(ids)
    waiting: dict[int, int] = {}
    for author_id in cosign_queue(supervisor).values_list("author_id", flat=True):
        waiting[author_id] = waiting.get(author_id, 0) + 1
    return [
        TeamMember(
            person, sizes.get(person.pk, 0), overdue.get(person.pk, 0), waiting.get(person.pk, 0)
        )
        for person in people
    ]


def intake_home(user: User) -> Home:
    """The intake worker's home: referrals waiting, clients with no primary clinician
    and today's intake assessments."""
    today = clock.today()
    referrals = list(referrals_waiting(user)[:TASK_LIMIT])
    unassigned = list(unassigned_clients(user)[:TASK_LIMIT])
    intakes = list(
        intake_appointments(user, start=day_start(today), end=day_start(today + timedelta(1)))
    )
    context = {
        "referrals": referrals,
        "unassigned": unassigned,
        "intakes": intakes,
        "task_limit": TASK_LIMIT,
    }
    ids = {client.pk for client in referrals + unassigned} | _ids(intakes)
    return Home("today/intake.html", context, ids)


def privacy_home(user: User) -> Home:
    """The privacy officer's home: mandatory reports not yet made (nearest deadline
    first), break-the-glass access to review, the latest disclosures, and the audit
    search. Clients by number only, as on the privacy pages."""
    reports = list(reports_to_make(user)[:TASK_LIMIT])
    grants = list(grants_awaiting_review(user)[:TASK_LIMIT])
    disclosures = list(
        disclosures_for_officer(user).select_related(None).select_related("disclosed_by")[:10]
    )
    context = {
        "reports": reports,
        "grants": grants,
        "disclosures": disclosures,
        # The audit trail's own search form, empty: it submits to the audit page.
        "audit_form": AuditTrailForm(auto_id="home-audit-%s"),
        "task_limit": TASK_LIMIT,
        "now": clock.now(),
    }
    return Home("today/privacy.html", context, _ids(reports, grants, disclosures))


def admin_home(user: User) -> Home:
    """The administrator's home: the staff directory in figures and the practice's
    settings. Directory only: no client appears on it."""
    summary: StaffSummary = staff_summary()
    return Home("today/admin.html", {"staff": summary})


HOMES = {
    Role.CLINICIAN: clinician_home,
    Role.SUPERVISOR: clinician_home,
    Role.INTAKE: intake_home,
    Role.PRIVACY_OFFICER: privacy_home,
    Role.ADMIN: admin_home,
}


def home_for(user: User) -> Home:
    """The home page of `user`'s role."""
    return HOMES[Role(user.role)](user)
