"""The safety badges on the caseload page: the current risk assessment's level when high,
and a review that is overdue. Annotations join the query that loads a page of the caseload
(clients.selectors.caseload_rows).
Clinical: only roles that see the clinical part get them (or their query)."""

from django.db.models import OuterRef, Subquery

from caseload.clients.access import Part
from caseload.clients.caseload import Signal, SignalRule
from caseload.core import clock
from caseload.core.dates import show_date
from caseload.safety.models import RiskLevel
from caseload.safety.models.assessments import ALERTING_LEVELS
from caseload.safety.selectors import latest_assessments


def _latest_assessment() -> dict:
    latest = latest_assessments(OuterRef("pk"))
    return {
        "signal_risk_level": Subquery(latest.values("risk_level")[:1]),
        "signal_risk_review_on": Subquery(latest.values("next_review_on")[:1]),
    }


def _signals(client) -> list[Signal]:
    found = []
    if client.signal_risk_level in ALERTING_LEVELS:
        label = RiskLevel(client.signal_risk_level).label
        found.append(Signal(f"Risk: {label}", "danger"))
    review_on = client.signal_risk_review_on
    if review_on is not None and review_on < clock.today():
        found.append(Signal("Risk review overdue", "warning", f"Due {show_date(review_on)}"))
    return found


RISK_ASSESSMENT = SignalRule(
    name="risk_assessment",
    part=Part.CLINICAL,
    annotations=_latest_assessment,
    signals=_signals,
)
