"""The safety badges on the caseload page: the current risk assessment's level when high,
and a review that is overdue. One query for a page of clients
(clients.selectors.caseload_rows).
Clinical: only roles that see the clinical part get them (or their query)."""

from datetime import date

from caseload.clients.access import Part
from caseload.clients.caseload import Signal, SignalRule
from caseload.core import clock
from caseload.core.dates import show_date
from caseload.safety.models import RiskLevel
from caseload.safety.models.assessments import ALERTING_LEVELS
from caseload.safety.selectors import current_risk_for_page


def _signals(current: tuple[str, date | None] | None) -> list[Signal]:
    if current is None:
        return []
    level, review_on = current
    found = []
    if level in ALERTING_LEVELS:
        found.append(Signal(f"Risk: {RiskLevel(level).label}", "danger"))
    if review_on is not None and review_on < clock.today():
        found.append(Signal("Risk review overdue", "warning", f"Due {show_date(review_on)}"))
    return found


RISK_ASSESSMENT = SignalRule(
    name="risk_assessment",
    part=Part.CLINICAL,
    page_data=current_risk_for_page,
    signals=_signals,
)
