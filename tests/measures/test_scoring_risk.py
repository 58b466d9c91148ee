"""Hazard "a positive risk item does not raise a flag": every risk item of every instrument,
every positive answer value, and the negatives; the ASQ and C-SSRS rules in full."""

import itertools

import pytest

from caseload.measures.instruments import get
from caseload.measures.result import ScoringError
from caseload.measures.scoring import score


def risk_flags(result):
    return [flag for flag in result.flags if flag.is_risk]


# ASQ ------------------------------------------------------------------------------------


@pytest.mark.parametrize("yes_item", [1, 2, 3, 4])
def test_hazard_positive_risk_item_raises_flag_asq_each_question(yes_item):
    answers = [0, 0, 0, 0, 0]
    answers[yes_item - 1] = 1
    result = score("asq", answers)
    [flag] = risk_flags(result)
    assert (flag.severity, flag.code, flag.item) == ("moderate", "risk_item", yes_item)
    assert f"question {yes_item}" in flag.reason and "'Yes'" in flag.reason
    assert result.band == "non_acute_positive"


@pytest.mark.parametrize("pattern", list(itertools.product([0, 1], repeat=4))[1:])
def test_hazard_positive_risk_item_raises_flag_asq_any_combination(pattern):
    result = score("asq", [*pattern, 0])
    assert [f.severity for f in risk_flags(result)] == ["moderate"]


@pytest.mark.parametrize("pattern", list(itertools.product([0, 1], repeat=4))[1:])
def test_hazard_positive_risk_item_raises_flag_asq_acute(pattern):
    result = score("asq", [*pattern, 1])
    [flag] = risk_flags(result)
    assert (flag.severity, flag.code, flag.item) == ("high", "acute_risk", 5)
    assert result.band == "acute_positive"


def test_hazard_positive_risk_item_raises_flag_asq_acuity_yes_alone():
    # A yes to the acuity question is never set aside, even with 1-4 all no.
    [flag] = risk_flags(score("asq", [0, 0, 0, 0, 1]))
    assert flag.severity == "high"


def test_hazard_positive_risk_item_raises_flag_asq_negative():
    for acuity in (0, None):
        result = score("asq", [0, 0, 0, 0, acuity])
        assert (result.band, result.flags) == ("negative", ())


@pytest.mark.parametrize("declined", [1, 2, 3, 4])
def test_hazard_positive_risk_item_raises_flag_asq_declined_counts_as_positive(declined):
    # NIMH toolkit: refusing to answer questions 1-4 is a positive screen.
    answers = [0, 0, 0, 0, 0]
    answers[declined - 1] = None
    result = score("asq", answers)
    [flag] = risk_flags(result)
    assert flag.severity == "moderate" and "declined" in flag.reason
    assert f"Question {declined}" in result.missing_note


def test_hazard_positive_risk_item_raises_flag_asq_unasked_acuity_is_acute():
    [flag] = risk_flags(score("asq", [1, 0, 0, 0, None]))
    assert flag.severity == "high" and "treated as acute" in flag.reason


def test_asq_has_no_total_and_a_gentle_explanation():
    result = score("asq", [1, 0, 0, 0, 1])
    assert result.total is None
    assert "kill" not in result.explanation and "risk" not in result.explanation


# C-SSRS -------------------------------------------------------------------------------
# Answers: questions 1-7 (7 = behaviour within the past 3 months), None where skipped.

NO_IDEATION = [0, 0, None, None, None]


@pytest.mark.parametrize(
    ("answers", "band"),
    [
        (NO_IDEATION + [0, None], "none"),
        ([1, 0, None, None, None, 0, None], "low"),
        ([0, 1, 0, 0, 0, 0, None], "low"),
        ([1, 1, 0, 0, 0, 0, None], "low"),
        ([1, 1, 1, 0, 0, 0, None], "moderate"),
        (NO_IDEATION + [1, 0], "moderate"),
        ([1, 1, 0, 1, 0, 0, None], "high"),
        ([1, 1, 0, 0, 1, 0, None], "high"),
        ([1, 1, 1, 1, 1, 1, 1], "high"),
        (NO_IDEATION + [1, 1], "high"),
        ([1, 1, 1, 0, 0, 1, 1], "high"),
    ],
)
def test_cssrs_triage(answers, band):
    assert score("cssrs", answers).band == band


@pytest.mark.parametrize(
    ("answers", "item"),
    [
        ([1, 1, 0, 1, 0, 0, None], 4),
        ([1, 1, 0, 0, 1, 0, None], 5),
        (NO_IDEATION + [1, 1], 6),
    ],
)
def test_hazard_positive_risk_item_raises_flag_cssrs_high(answers, item):
    [flag] = risk_flags(score("cssrs", answers))
    assert (flag.severity, flag.code, flag.item) == ("high", "triage_high", item)
    assert f"question {item}" in flag.reason


@pytest.mark.parametrize(
    ("answers", "item", "words"),
    [
        ([1, 1, 1, 0, 0, 0, None], 3, "answered 'Yes'"),
        (NO_IDEATION + [1, 0], 6, "more than 3 months ago"),
    ],
)
def test_hazard_positive_risk_item_raises_flag_cssrs_moderate(answers, item, words):
    [flag] = risk_flags(score("cssrs", answers))
    assert (flag.severity, flag.code, flag.item) == ("moderate", "triage_moderate", item)
    assert words in flag.reason


@pytest.mark.parametrize("answers", [[1, 0, None, None, None, 0, None], [1, 1, 0, 0, 0, 0, None]])
def test_hazard_positive_risk_item_raises_flag_cssrs_low_triage_alerts_moderate(answers):
    """H-079: a yes to question 1 or 2 alone is a positive risk answer; the screener
    calls it "low", and caseload still tells the care team (moderate)."""
    result = score("cssrs", answers)
    [flag] = risk_flags(result)
    assert (flag.code, flag.severity, flag.item) == ("triage_low", "moderate", 1)
    assert result.band == "low" and result.rules_version == "2"


def test_hazard_positive_risk_item_raises_flag_cssrs_negative():
    assert score("cssrs", NO_IDEATION + [0, None]).flags == ()


def test_hazard_positive_risk_item_raises_flag_cssrs_yes_to_a_skipped_question_counts():
    # Question 2 "no" skips 3-5, but a yes entered there is not thrown away.
    [flag] = risk_flags(score("cssrs", [0, 0, None, 1, None, 0, None]))
    assert flag.severity == "high"


@pytest.mark.parametrize(
    ("answers", "item"),
    [
        ([None, 0, None, None, None, 0, None], 1),
        ([0, None, None, None, None, 0, None], 2),
        ([1, 1, None, 0, 0, 0, None], 3),
        ([1, 1, 0, 0, None, 0, None], 5),
        ([0, 0, None, None, None, None, None], 6),
        ([0, 0, None, None, None, 1, None], 7),
        ([0, 0, None, None, None, 0, 1], 7),
    ],
)
def test_cssrs_refuses_what_the_skip_logic_requires_naming_the_question(answers, item):
    with pytest.raises(ScoringError) as error:
        score("cssrs", answers)
    assert error.value.item == item


def test_cssrs_is_clinician_administered_and_has_no_total():
    result = score("cssrs", NO_IDEATION + [0, None])
    assert result.total is None and result.band_label == "No risk identified"


# CORE-10 item 6 and EPDS item 10 ------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "severity", "label"),
    [(1, "moderate", "Only occasionally"), (2, "moderate", "Sometimes"), (3, "high", "Often"),
     (4, "high", "Most or all of the time")],
)  # fmt: skip
@pytest.mark.parametrize("rest", [0, 4])
def test_hazard_positive_risk_item_raises_flag_core10_item6(value, severity, label, rest):
    answers = [rest] * 10
    answers[5] = value
    [flag] = risk_flags(score("core10", answers))
    assert (flag.item, flag.severity) == (6, severity)
    assert "item 6" in flag.reason and f"'{label}'" in flag.reason


def test_hazard_positive_risk_item_raises_flag_core10_negative():
    assert risk_flags(score("core10", [4, 0, 0, 4, 4, 0, 4, 4, 4, 4])) == []


@pytest.mark.parametrize(("position", "scores"), [(0, 3), (1, 2), (2, 1)])
@pytest.mark.parametrize("rest", [0, 3])
def test_hazard_positive_risk_item_raises_flag_epds_item10(position, scores, rest):
    answers = [rest] * 9 + [position]
    [flag] = risk_flags(score("epds", answers))
    assert (flag.item, flag.severity) == (10, "high")
    assert f"scores {scores}" in flag.reason


def test_hazard_positive_risk_item_raises_flag_epds_negative():
    # Item 10 is reverse scored: the fourth answer printed ("Never") scores 0.
    assert risk_flags(score("epds", [3, 3, 0, 3, 0, 0, 0, 0, 0, 3])) == []


# Every other instrument raises no risk flag, whatever the answers ---------------------


@pytest.mark.parametrize(
    "code", ["phq2", "gad7", "gad2", "pcl5", "who5", "k10", "k6", "audit", "auditc", "dass21"]
)
def test_instruments_without_risk_items_raise_no_risk_flag_at_the_top(code):
    answers = [max(o.value for o in item.options) for item in get(code).items]
    assert risk_flags(score(code, answers)) == []
