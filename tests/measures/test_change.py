"""Change statistics: the Jacobson and Truax formulas, and each NHS Talking Therapies
category at its boundaries, for higher-is-worse and higher-is-better instruments."""

import math

import pytest

from caseload.measures import change
from caseload.measures.change import (
    caseness,
    classify,
    clinical_cutoff,
    norms,
    reliable_change_index,
)


def test_reliable_change_index_formula():
    # Jacobson and Truax 1991 worked through: SD1 7.5, r .88 -> S_diff = 7.5 x sqrt(2) x
    # sqrt(.12) = 3.674; a drop from 30 to 20 is RC -2.72.
    rc = reliable_change_index(30, 20, 7.5, 0.88)
    assert rc == pytest.approx(-10 / (7.5 * math.sqrt(2) * math.sqrt(0.12)))
    assert rc == pytest.approx(-2.722, abs=1e-3)


def test_reliable_change_index_sign_follows_the_difference():
    assert reliable_change_index(10, 15, 5, 0.8) > 0
    assert reliable_change_index(10, 10, 5, 0.8) == 0


@pytest.mark.parametrize(("sd1", "r"), [(0, 0.8), (-1, 0.8), (5, 1.0), (5, -0.1)])
def test_reliable_change_index_refuses_impossible_norms(sd1, r):
    with pytest.raises(ValueError):
        reliable_change_index(1, 2, sd1, r)


def test_clinical_cutoff_formula():
    # c = (SD_clin x M_norm + SD_norm x M_clin) / (SD_clin + SD_norm)
    assert clinical_cutoff(20, 6, 5, 4) == pytest.approx((6 * 5 + 4 * 20) / 10)
    # Equal spreads: c is the midpoint.
    assert clinical_cutoff(20, 5, 10, 5) == pytest.approx(15)


def test_clinical_cutoff_refuses_zero_spread():
    with pytest.raises(ValueError):
        clinical_cutoff(20, 0, 10, 5)


def test_norms_carry_citations_and_the_service_conventions():
    phq9, gad7 = norms("phq9"), norms("gad7")
    assert (phq9.reliable_threshold, phq9.caseness.value) == (6, 10)
    assert (gad7.reliable_threshold, gad7.caseness.value) == (4, 8)
    assert "Talking Therapies" in phq9.caseness.citation
    assert norms("asq") is None


@pytest.mark.parametrize(
    ("code", "score", "case"),
    [
        ("phq9", 9, False),
        ("phq9", 10, True),
        ("gad7", 7, False),
        ("gad7", 8, True),
        ("who5", 50, True),
        ("who5", 52, False),
        ("phq2", 6, None),
    ],
)
def test_caseness_boundaries(code, score, case):
    assert caseness(code, score) is case


PHQ9_CASES = [
    # baseline, current, category
    (15, 21, "reliable_deterioration"),  # +6: reliable
    (15, 20, "no_reliable_change"),  # +5
    (15, 10, "no_reliable_change"),  # -5, still a case
    (15, 9, "reliable_recovery"),  # -6 and below 10
    (12, 9, "recovery"),  # below 10 but only -3
    (20, 14, "reliable_improvement"),  # -6, still a case
    (9, 3, "reliable_improvement"),  # not a case at baseline: no recovery
    (10, 9, "recovery"),  # the cut-off itself is a case
    (3, 9, "reliable_deterioration"),
    (12, 12, "no_reliable_change"),
]


@pytest.mark.parametrize(("baseline", "current", "category"), PHQ9_CASES)
def test_phq9_categories_at_their_boundaries(baseline, current, category):
    result = classify("phq9", baseline, current)
    assert result.category == category
    assert result.off_track is (category == "reliable_deterioration")
    assert result.reliable_threshold == 6
    assert result.difference == current - baseline
    assert result.label


@pytest.mark.parametrize(
    ("baseline", "current", "category"),
    [
        (12, 16, "reliable_deterioration"),
        (12, 15, "no_reliable_change"),
        (12, 8, "reliable_improvement"),
        (12, 7, "reliable_recovery"),
        (9, 7, "recovery"),
        (8, 7, "recovery"),
        (7, 3, "reliable_improvement"),
    ],
)
def test_gad7_categories_at_their_boundaries(baseline, current, category):
    assert classify("gad7", baseline, current).category == category


@pytest.mark.parametrize(
    ("baseline", "current", "category"),
    [
        (40, 30, "reliable_deterioration"),
        (40, 32, "no_reliable_change"),
        (40, 50, "reliable_improvement"),
        (40, 52, "reliable_recovery"),
        (48, 52, "recovery"),
        (60, 48, "reliable_deterioration"),
        (60, 72, "reliable_improvement"),
    ],
)
def test_who5_higher_is_better(baseline, current, category):
    assert classify("who5", baseline, current).category == category


def test_classify_without_norms_says_so():
    with pytest.raises(ValueError, match="no change norms"):
        classify("phq2", 4, 1)


def test_rci_is_reported_when_sd_and_reliability_are_known(monkeypatch):
    cited = change.Cited
    made_up = change.Norms(
        code="test",
        caseness=cited(20, "test"),
        sd1=cited(5, "test"),
        reliability=cited(0.8, "test"),
    )
    monkeypatch.setitem(change._NORMS, "test", made_up)
    # S_diff = 5 x sqrt(2) x sqrt(.2) = 3.162; threshold 1.96 x S_diff = 6.20
    assert made_up.reliable_threshold == pytest.approx(6.198, abs=1e-3)
    assert classify("test", 25, 19).category == "recovery"  # RC -1.90: not reliable
    result = classify("test", 25, 18)  # RC -2.21
    assert result.category == "reliable_recovery"
    assert result.rci == pytest.approx(-7 / (5 * math.sqrt(2) * math.sqrt(0.2)))
    assert classify("test", 10, 17).category == "reliable_deterioration"


def test_rci_is_none_for_a_points_convention():
    assert classify("phq9", 15, 9).rci is None
