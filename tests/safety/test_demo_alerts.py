"""H-097: one trigger, one severity. Every alert the demo practice holds was raised by the
rule that raises it in real use, with the severity that rule gives for its trigger; in
particular PHQ-9 item 9 above 0 is a high alert for every client."""

import pytest
from django.test.utils import override_settings

from caseload.demo import synthetic
from caseload.measures.models import MeasureResponse
from caseload.measures.scoring import score
from caseload.safety import screening
from caseload.safety.models import Alert, AlertSeverity, Checkin, FollowUp, RiskAssessment
from caseload.safety.models.assessments import ALERTING_LEVELS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_practice():
    passwords = {username: "demo-password-123" for username, *_ in synthetic.STAFF}
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        staff = synthetic.seed_staff(passwords)
        clinicians = [staff[name] for name in ("clinician", "clinician2", "clinician3")]
        clients = synthetic.seed_clients(24, [*clinicians, staff["supervisor"]])
        synthetic.seed_capabilities(staff=staff, clients=clients)
    return staff


def _rule_severity(alert: Alert) -> str:
    """The severity the live rule gives for what raised `alert`."""
    kind, source_id = alert.source_type, alert.source_id
    if kind == MeasureResponse._meta.label_lower:
        response = MeasureResponse.objects.get(pk=source_id)
        flags = score(response.instrument, response.answers).flags
        (flag,) = [flag for flag in flags if flag.is_risk and flag.reason == alert.reason]
        return flag.severity
    if kind == RiskAssessment._meta.label_lower:
        level = RiskAssessment.objects.get(pk=source_id).risk_level
        assert level in ALERTING_LEVELS
        return AlertSeverity.HIGH
    if kind == Checkin._meta.label_lower:
        return screening.screen(Checkin.objects.get(pk=source_id).text).severity
    if kind == FollowUp._meta.label_lower:
        return AlertSeverity.HIGH  # safety.services.follow_ups_raise_missed
    raise AssertionError(f"alert {alert.pk} has no trigger the rules know: {kind!r}")


def test_h097_every_demo_alert_has_its_rules_severity(demo_practice):
    """One seed for both checks (seeding takes seconds)."""
    alerts = list(Alert.objects.all())
    assert len(alerts) >= 5
    kinds = {alert.source_type for alert in alerts}
    assert {"measures.measureresponse", "safety.riskassessment", "safety.checkin"} <= kinds
    for alert in alerts:
        assert alert.severity == _rule_severity(alert), (alert.pk, alert.reason)

    # PHQ-9 item 9 above 0 is high for every client it was raised for.
    item9 = list(Alert.objects.filter(reason__startswith="PHQ-9 item 9"))
    assert len(item9) >= 3
    assert {alert.severity for alert in item9} == {AlertSeverity.HIGH}
    # And the demo still shows a moderate alert, from a rule that gives one.
    core10 = Alert.objects.filter(reason__startswith="CORE-10 item 6")
    assert core10.filter(state="open", severity=AlertSeverity.MODERATE).exists()
    assert core10.filter(state="acknowledged").exists()
