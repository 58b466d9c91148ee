"""Which risk levels are dangerous is stated once, on the assessment (H-026, H-118), and the
pages mark each level from the row, not from a comparison in a template."""

import pytest
from django.urls import reverse
from safety_helpers import assessment_fields

from caseload.safety.models import RiskAssessment, RiskLevel
from caseload.safety.models.assessments import ALERTING_LEVELS
from caseload.safety.services import risk_assessment_record


@pytest.mark.parametrize(
    ("level", "high", "tone"),
    [
        (RiskLevel.LOW, False, "info"),
        (RiskLevel.MODERATE, False, "warning"),
        (RiskLevel.HIGH, True, "danger"),
        (RiskLevel.IMMINENT, True, "danger"),
    ],
)
def test_h026_is_high_risk_names_exactly_the_alerting_levels(level, high, tone):
    assessment = RiskAssessment(risk_level=level)
    assert assessment.is_high_risk is high
    assert assessment.is_high_risk is (level in ALERTING_LEVELS)
    assert assessment.tone == tone


def test_every_level_is_classified():
    """A level added later must be placed on one side of the rule deliberately."""
    assert {level.value for level in RiskLevel} == {"low", "moderate", "high", "imminent"}


@pytest.mark.parametrize("level", ["high", "imminent"])
def test_h026_a_high_risk_assessment_is_marked_danger_on_its_page(
    client_record, clinician, as_user, level
):
    assessment = risk_assessment_record(
        acting_user=clinician, client=client_record, fields=assessment_fields(risk_level=level)
    )
    page = as_user(clinician).get(
        reverse("safety:assessment", args=[client_record.pk, assessment.pk])
    )
    assert '<span class="badge danger">' in page.content.decode()
    assert assessment.is_high_risk
    assert client_record.alerts.filter(severity="high").exists()


def test_a_moderate_assessment_is_marked_warning_and_raises_no_alert(
    client_record, clinician, as_user
):
    assessment = risk_assessment_record(
        acting_user=clinician,
        client=client_record,
        fields=assessment_fields(risk_level="moderate"),
    )
    page = as_user(clinician).get(
        reverse("safety:assessment", args=[client_record.pk, assessment.pk])
    )
    assert '<span class="badge warning">' in page.content.decode()
    assert not client_record.alerts.exists()
