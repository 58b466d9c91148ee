"""The plans' badges on the caseload page: a plan review that is overdue, and session
feedback that needs the clinician's attention before the next session. Each is one
query for a page of clients (clients.selectors.caseload_rows)."""

from datetime import date

from django.db.models import Min

from caseload.clients.access import Part
from caseload.clients.caseload import Signal, SignalRule
from caseload.core import clock
from caseload.core.dates import show_date
from caseload.plans.models import SessionFeedback, TreatmentPlan


def _overdue_reviews(client_ids: list[int]) -> dict[int, date]:
    """The earliest overdue review date of each client's plans in an open episode."""
    overdue = TreatmentPlan.objects.filter(
        client_id__in=client_ids,
        episode__ended_on__isnull=True,
        next_review_on__lt=clock.today(),
    )
    return dict(
        overdue.order_by()
        .values("client_id")
        .annotate(due=Min("next_review_on"))
        .values_list("client_id", "due")
    )


def _review_signals(due: date | None) -> list[Signal]:
    if due is None:
        return []
    return [Signal("Plan review overdue", "warning", f"due {show_date(due)}")]


def _feedback_concerns(client_ids: list[int]) -> dict[int, bool]:
    """True for each client with session feedback that raised a concern, not yet seen."""
    waiting = SessionFeedback.objects.filter(
        client_id__in=client_ids, seen_at__isnull=True
    ).exclude(concern="")
    return dict.fromkeys(waiting.order_by().values_list("client_id", flat=True).distinct(), True)


def _feedback_signals(waiting: bool | None) -> list[Signal]:
    if not waiting:
        return []
    return [Signal("Session feedback to read", "danger", "low rating or a drop")]


PLAN_REVIEW_OVERDUE = SignalRule(
    name="plan_review_overdue",
    part=Part.CLINICAL,
    page_data=_overdue_reviews,
    signals=_review_signals,
)
SESSION_FEEDBACK_CONCERN = SignalRule(
    name="session_feedback_concern",
    part=Part.CLINICAL,
    page_data=_feedback_concerns,
    signals=_feedback_signals,
)
