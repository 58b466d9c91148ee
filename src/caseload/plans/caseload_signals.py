"""The plans' badges on the caseload page: a plan review that is overdue, and session
feedback that needs the clinician's attention before the next session. Each is one
subquery joined into the query that loads a page of the caseload
(clients.selectors.caseload_rows)."""

from django.db.models import Exists, OuterRef, Subquery

from caseload.clients.access import Part
from caseload.clients.caseload import Signal, SignalRule
from caseload.core import clock
from caseload.core.dates import show_date
from caseload.plans.models import SessionFeedback, TreatmentPlan


def _overdue_review():
    overdue = TreatmentPlan.objects.filter(
        client=OuterRef("pk"),
        episode__ended_on__isnull=True,
        next_review_on__lt=clock.today(),
    ).order_by("next_review_on")
    return {"signal_plan_review_due": Subquery(overdue.values("next_review_on")[:1])}


def _review_signals(client) -> list[Signal]:
    due = client.signal_plan_review_due
    if due is None:
        return []
    return [Signal("Plan review overdue", "warning", f"due {show_date(due)}")]


def _feedback_concern():
    waiting = SessionFeedback.objects.filter(client=OuterRef("pk"), seen_at__isnull=True).exclude(
        concern=""
    )
    return {"signal_feedback_concern": Exists(waiting)}


def _feedback_signals(client) -> list[Signal]:
    if not client.signal_feedback_concern:
        return []
    return [Signal("Session feedback to read", "danger", "low rating or a drop")]


PLAN_REVIEW_OVERDUE = SignalRule(
    name="plan_review_overdue",
    part=Part.CLINICAL,
    annotations=_overdue_review,
    signals=_review_signals,
)
SESSION_FEEDBACK_CONCERN = SignalRule(
    name="session_feedback_concern",
    part=Part.CLINICAL,
    annotations=_feedback_concern,
    signals=_feedback_signals,
)
