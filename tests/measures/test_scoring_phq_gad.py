"""PHQ-9, PHQ-2, GAD-7 and GAD-2: totals, every band boundary on both sides, the missing
rules, the errors naming the item, and the PHQ-9 item 9 risk flag."""

import pytest

from caseload.measures.result import ScoringError
from caseload.measures.scoring import score


def spread(total: int, count: int, top: int = 3) -> list[int]:
    """`count` answers of at most `top` that add up to `total`, front-loaded."""
    answers = []
    for _ in range(count):
        answers.append(min(top, total))
        total -= answers[-1]
    assert total == 0
    return answers


def phq9(total: int, item9: int = 0, difficulty: int | None = None) -> list[int | None]:
    return spread(total - item9, 8) + [item9, difficulty]


PHQ9_BANDS = [
    (0, "minimal"),
    (4, "minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "moderately_severe"),
    (19, "moderately_severe"),
    (20, "severe"),
    (27, "severe"),
]


@pytest.mark.parametrize(("total", "band"), PHQ9_BANDS)
def test_phq9_band_boundaries(total, band):
    result = score("phq9", phq9(total, item9=3 if total >= 24 else 0))
    assert (result.total, result.band) == (total, band)
    assert not result.prorated


def test_phq9_published_example_kroenke_2001():
    # Kroenke 2001, scoring: "several days" 1, "more than half the days" 2, "nearly every
    # day" 3, summed over the nine items; a total of 12 is moderate depression.
    result = score("phq9", [1, 2, 1, 2, 1, 2, 1, 2, 0, 1])
    assert (result.total, result.band, result.band_label) == (12, "moderate", "Moderate")
    assert result.rules_version == "1"


def test_phq9_difficulty_item_is_recorded_not_scored():
    assert score("phq9", phq9(7, difficulty=3)).total == 7
    assert score("phq9", phq9(7, difficulty=None)).total == 7


def test_phq9_explanation_is_plain_and_names_the_range():
    text = score("phq9", [1, 2, 1, 2, 1, 2, 1, 2, 0, None]).explanation
    assert text.startswith("Your answers add up to 12 out of 27.")
    assert "clinician will talk it through" in text
    for word in ("depression", "disorder", "diagnos", "severe"):
        assert word not in text.lower()


@pytest.mark.parametrize("missing", [[0], [3], [0, 7]])
def test_phq9_prorates_one_or_two_missing_items(missing):
    answers = [2, 2, 2, 2, 2, 2, 2, 2, 0, None]
    for index in missing:
        answers[index] = None
    result = score("phq9", answers)
    # 14 (or 12) over 8 (or 7) answered items, times 9: 15.75 -> 16, 15.43 -> 15
    assert result.total == (16 if len(missing) == 1 else 15)
    assert result.prorated
    assert "prorated" in result.missing_note


def test_phq9_prorating_rounds_half_up():
    # 1+1+1+1+0+0+0 over 8 answered = 4/8 x 9 = 4.5 -> 5 (mild, not minimal)
    answers = [1, 1, 1, 1, 0, 0, 0, None, 0, None]
    assert score("phq9", answers).total == 5


def test_phq9_refuses_three_missing_naming_the_first():
    answers = [1, None, 1, None, 1, None, 1, 1, 0, None]
    with pytest.raises(ScoringError) as error:
        score("phq9", answers)
    assert error.value.item == 2
    assert "item 2" in error.value.message


@pytest.mark.parametrize("answers", [[0] * 9, [0] * 11, []])
def test_wrong_number_of_answers_names_the_item(answers):
    with pytest.raises(ScoringError) as error:
        score("phq9", answers)
    assert error.value.item == (10 if len(answers) == 9 else 11 if answers else 1)
    assert "10 items" in error.value.message


@pytest.mark.parametrize(
    ("value", "fragment"),
    [(4, "not one of its answers"), (-1, "not one of its answers"), (True, "whole-number")],
)
def test_a_bad_value_names_the_item(value, fragment):
    answers = [0, 0, 0, 0, value, 0, 0, 0, 0, None]
    with pytest.raises(ScoringError) as error:
        score("phq9", answers)
    assert error.value.item == 5
    assert fragment in error.value.message


@pytest.mark.parametrize("value", [1.0, "1", 1.5])
def test_a_non_integer_names_the_item(value):
    with pytest.raises(ScoringError) as error:
        score("gad7", [0, 0, value, 0, 0, 0, 0, None])
    assert error.value.item == 3


@pytest.mark.parametrize("answers", ["0000000000", {"1": 0}, 7, None])
def test_answers_that_are_not_a_list_are_refused(answers):
    with pytest.raises(ScoringError):
        score("gad7", answers)


def test_unknown_instrument_is_a_key_error():
    with pytest.raises(KeyError):
        score("phq10", [0])


# Hazard "a positive risk item does not raise a flag": PHQ-9 item 9, every positive value,
# whatever the total, and the negative.
@pytest.mark.parametrize("value", [1, 2, 3])
@pytest.mark.parametrize("rest", [0, 24])
def test_hazard_positive_risk_item_raises_flag_phq9_item9(value, rest):
    answers = spread(rest, 8) + [value, None]
    flags = [flag for flag in score("phq9", answers).flags if flag.is_risk]
    assert len(flags) == 1
    assert (flags[0].item, flags[0].severity, flags[0].code) == (9, "high", "risk_item")
    label = ["Not at all", "Several days", "More than half the days", "Nearly every day"]
    assert "item 9" in flags[0].reason
    assert f"'{label[value]}'" in flags[0].reason


def test_hazard_positive_risk_item_raises_flag_phq9_item9_prorated():
    answers = [None, None, 0, 0, 0, 0, 0, 0, 1, None]
    assert [flag.item for flag in score("phq9", answers).flags if flag.is_risk] == [9]


@pytest.mark.parametrize("rest", [0, 24])
def test_hazard_positive_risk_item_raises_flag_phq9_negative(rest):
    assert not score("phq9", spread(rest, 8) + [0, None]).flags


def test_h076_phq9_unanswered_item9_raises_a_moderate_alert_flag():
    """H-076: an unanswered item 9 raises a moderate alert to ask in person (a departure
    from the published rule, which only prorates)."""
    flags = score("phq9", [1, 1, 1, 1, 1, 1, 1, 1, None, None]).flags
    assert [(f.code, f.item, f.is_risk, f.severity) for f in flags] == [
        ("risk_item_unanswered", 9, True, "moderate")
    ]
    assert flags[0].reason == (
        "PHQ-9 item 9 (thoughts of death or self-harm) was not answered: ask about it in person"
    )


GAD7_BANDS = [
    (0, "minimal"),
    (4, "minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "severe"),
    (21, "severe"),
]


@pytest.mark.parametrize(("total", "band"), GAD7_BANDS)
def test_gad7_band_boundaries(total, band):
    result = score("gad7", spread(total, 7) + [None])
    assert (result.total, result.band) == (total, band)
    assert not result.flags


def test_gad7_prorates_one_missing_and_refuses_two():
    result = score("gad7", [3, 3, 3, None, 2, 2, 2, 1])
    assert (result.total, result.prorated) == (18, True)  # 15 / 6 x 7 = 17.5, half up: 18
    with pytest.raises(ScoringError) as error:
        score("gad7", [3, None, 3, None, 2, 2, 2, 1])
    assert error.value.item == 2


@pytest.mark.parametrize("code", ["phq2", "gad2"])
@pytest.mark.parametrize(
    ("answers", "band", "flagged"),
    [
        ([0, 0], "negative", False),
        ([1, 1], "negative", False),
        ([2, 0], "negative", False),
        ([2, 1], "positive", True),
        ([0, 3], "positive", True),
        ([3, 3], "positive", True),
    ],
)
def test_two_item_screens_positive_at_3(code, answers, band, flagged):
    result = score(code, answers)
    assert (result.total, result.band) == (sum(answers), band)
    assert [f.code for f in result.flags] == (["positive_screen"] if flagged else [])
    assert not any(flag.is_risk for flag in result.flags)


@pytest.mark.parametrize("code", ["phq2", "gad2"])
@pytest.mark.parametrize(("answers", "item"), [([None, 3], 1), ([3, None], 2)])
def test_two_item_screens_refuse_a_missing_answer(code, answers, item):
    with pytest.raises(ScoringError) as error:
        score(code, answers)
    assert error.value.item == item
