"""What is due: a measure plan falls due every N weeks after the last result, or at the
first attended session after it. It is overdue once it has been due for a week."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import OuterRef, QuerySet, Subquery

from caseload.clients.models import Appointment, Attendance, Client
from caseload.core import clock
from caseload.core.dates import show_date
from caseload.measures.models import MeasurePlan, PlanFrequency

GRACE = timedelta(days=7)  # due for longer than this: overdue


@dataclass(frozen=True)
class PlanState:
    plan: MeasurePlan
    state: str  # "overdue", "due" or "not_due"
    label: str  # "Due since 3 Mar", "Next due 17 Mar", "Due at the next session"

    @property
    def tone(self) -> str:
        """How pages mark the state: warning when overdue, info when due, else none."""
        return {"overdue": "warning", "due": "info"}.get(self.state, "")

    @property
    def instrument_name(self) -> str:
        from caseload.measures.instruments import get

        try:
            return get(self.plan.instrument).name
        except KeyError:
            return self.plan.instrument


def _sessions_since(field: str = "counted_from", *, until=None, before=None) -> QuerySet:
    """Attended appointments of the plan's client after the plan's last result, up to
    `until` (by default now) or strictly `before` a time."""
    sessions = Appointment.objects.filter(
        client=OuterRef("client_id"),
        attendance=Attendance.ATTENDED,
        starts_at__gt=OuterRef(field),
    )
    if before is not None:
        sessions = sessions.filter(starts_at__lt=before)
    else:
        sessions = sessions.filter(starts_at__lte=clock.now() if until is None else until)
    return sessions.order_by("starts_at")


def plan_states(client: Client) -> list[PlanState]:
    """The client's active plans with what is due, in one query."""
    plans = client.measure_plans.filter(active=True).annotate(
        session_since=Subquery(_sessions_since().values("starts_at")[:1])
    )
    return [_state(plan) for plan in plans]


def _state(plan) -> PlanState:
    today = clock.today()
    if plan.frequency == PlanFrequency.EVERY_N_WEEKS:
        due_on = plan.next_due_on
        if due_on > today:
            return PlanState(plan, "not_due", f"Next due {show_date(due_on)}")
    elif plan.session_since is None:
        return PlanState(plan, "not_due", "Due at the next attended session")
    else:
        due_on = plan.session_since.date()
    if due_on < today - GRACE:
        return PlanState(plan, "overdue", f"Overdue: due since {show_date(due_on)}")
    return PlanState(plan, "due", f"Due now (since {show_date(due_on)})")


def due_for_page(client_ids: list[int]) -> dict[int, str]:
    """{client_id: "overdue" or "due"} for each client in `client_ids` with an active plan
    that is due now, "overdue" when one has been due for longer than the grace period;
    the caseload page's badge. One query: the active plans of those clients, each with
    its first attended session since its last result. Reads the clock: call it for each
    page.

    A weekly plan is due from `next_due_on`; a plan for every session from the start of
    that first session (to the minute, as the page has always judged it)."""
    now, today = clock.now(), clock.today()
    plans = MeasurePlan.objects.filter(client_id__in=client_ids, active=True).annotate(
        session_since=Subquery(_sessions_since(until=now).values("starts_at")[:1])
    )
    found: dict[int, str] = {}
    for client_id, frequency, next_due_on, session_since in plans.values_list(
        "client_id", "frequency", "next_due_on", "session_since"
    ):
        if frequency == PlanFrequency.EVERY_N_WEEKS and next_due_on is not None:
            due, overdue = next_due_on <= today, next_due_on < today - GRACE
        elif frequency == PlanFrequency.EVERY_SESSION and session_since is not None:
            due, overdue = True, session_since < now - GRACE
        else:
            continue
        if overdue:
            found[client_id] = "overdue"
        elif due:
            found.setdefault(client_id, "due")
    return found
