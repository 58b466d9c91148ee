"""What is due: a measure plan falls due every N weeks after the last result, or at the
first attended session after it. It is overdue once it has been due for a week."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)

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


def due_expression(*, overdue: bool) -> ExpressionWrapper:
    """True for an outer client (OuterRef "pk") with an active plan that is due now (or,
    with overdue=True, overdue: due for longer than the grace period), as the caseload
    page's rows annotate it. Reads the clock: build it for each page.

    One EXISTS over the client's active plans, either kind matched by its own condition:
    every subquery here is built and compiled again for each page, and that, not running
    them, is what the caseload page's query costs."""
    now, today = clock.now(), clock.today()
    if overdue:
        weekly_due = Q(next_due_on__lt=today - GRACE)
        sessions = _sessions_since(before=now - GRACE)
    else:
        weekly_due, sessions = Q(next_due_on__lte=today), _sessions_since(until=now)
    plans = MeasurePlan.objects.filter(client=OuterRef("pk"), active=True).filter(
        Q(weekly_due, frequency=PlanFrequency.EVERY_N_WEEKS)
        | Q(Exists(sessions), frequency=PlanFrequency.EVERY_SESSION)
    )
    return ExpressionWrapper(Exists(plans), output_field=BooleanField())
