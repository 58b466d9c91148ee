"""WHO-5, K10, K6, CORE-10, DASS-21 and EPDS: published scoring, every band boundary on
both sides, the missing rules and the reverse-scored items."""

import pytest

from caseload.measures.result import ScoringError
from caseload.measures.scoring import score


def spread(total: int, count: int, top: int, bottom: int = 0) -> list[int]:
    """`count` answers between `bottom` and `top` adding up to `total`, front-loaded."""
    answers, left = [], total - bottom * count
    for _ in range(count):
        answers.append(bottom + min(top - bottom, left))
        left -= answers[-1] - bottom
    assert left == 0
    return answers


# WHO-5 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "total", "band"),
    [(0, 0, "very_poor"), (7, 28, "very_poor"), (8, 32, "poor"), (12, 48, "poor"),
     (13, 52, "good"), (25, 100, "good")],
)  # fmt: skip
def test_who5_reported_times_four_with_bands(raw, total, band):
    result = score("who5", spread(raw, 5, 5))
    assert (result.total, result.band, result.subscales["raw"]) == (total, band, raw)


def test_who5_explanation_says_higher_is_better():
    text = score("who5", [3, 3, 2, 2, 2]).explanation
    assert text.startswith("Your wellbeing score is 48 out of 100. Higher scores mean better")


def test_who5_refuses_a_missing_answer():
    with pytest.raises(ScoringError) as error:
        score("who5", [3, 3, None, 2, 2])
    assert error.value.item == 3


# K10 and K6 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "band"),
    [(10, "low"), (15, "low"), (16, "moderate"), (21, "moderate"), (22, "high"),
     (29, "high"), (30, "very_high"), (50, "very_high")],
)  # fmt: skip
def test_k10_australian_bands(total, band):
    result = score("k10", spread(total, 10, 5, bottom=1))
    assert (result.total, result.band) == (total, band)


def test_k10_skips_follow_the_interview():
    # "None of the time" to 2 and 5: questions 3 and 6 may be skipped and score 1.
    answers = [3, 1, None, 2, 1, None, 2, 2, 2, 2]
    result = score("k10", answers)
    assert result.total == 3 + 1 + 1 + 2 + 1 + 1 + 2 * 4
    assert "Skipped" in result.missing_note


def test_k10_refuses_a_skip_the_interview_does_not_allow():
    with pytest.raises(ScoringError) as error:
        score("k10", [3, 2, None, 2, 1, None, 2, 2, 2, 2])
    assert error.value.item == 3


def test_k10_refuses_other_missing_answers():
    with pytest.raises(ScoringError) as error:
        score("k10", [3, 2, 2, 2, 1, 1, 2, None, 2, 2])
    assert error.value.item == 8


@pytest.mark.parametrize(
    ("total", "band", "flagged"),
    [(0, "low", False), (4, "low", False), (5, "moderate", False), (12, "moderate", False),
     (13, "serious", True), (24, "serious", True)],
)  # fmt: skip
def test_k6_bands_and_serious_distress_at_13(total, band, flagged):
    result = score("k6", spread(total, 6, 4))
    assert (result.total, result.band) == (total, band)
    assert [f.code for f in result.flags] == (["positive_screen"] if flagged else [])
    assert not any(f.is_risk for f in result.flags)


# CORE-10 -------------------------------------------------------------------------------


def core10(total: int) -> list[int]:
    """Answers (items 2 and 3 reversed) whose CORE-10 total is `total`, item 6 at 0."""
    scores = spread(total, 9, 4)
    scores.insert(5, 0)
    answers = list(scores)
    answers[1], answers[2] = 4 - scores[1], 4 - scores[2]
    return answers


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "healthy"), (5, "healthy"), (6, "low"), (10, "low"), (11, "mild"), (14, "mild"),
     (15, "moderate"), (19, "moderate"), (20, "moderate_severe"), (24, "moderate_severe"),
     (25, "severe"), (36, "severe")],
)  # fmt: skip
def test_core10_bands(total, band):
    result = score("core10", core10(total))
    assert (result.total, result.band) == (total, band)


def test_core10_items_2_and_3_are_reverse_scored():
    # Everything "Not at all": items 2 and 3 (support, coping) score 4 each.
    assert score("core10", [0] * 10).total == 8
    assert score("core10", [0, 4, 4, 0, 0, 0, 0, 0, 0, 0]).total == 0


def test_core10_prorates_one_missing_and_refuses_two():
    result = score("core10", [2, 2, 2, 2, 2, 0, 2, 2, 2, None])
    assert (result.total, result.prorated) == (18, True)  # 16 / 9 x 10 = 17.8 -> 18
    with pytest.raises(ScoringError) as error:
        score("core10", [2, None, 2, 2, 2, 0, 2, 2, 2, None])
    assert error.value.item == 2


def test_h076_core10_unanswered_risk_item_raises_a_moderate_alert_flag():
    """H-076: an unanswered risk item is a safety alert (moderate), not a mere note."""
    result = score("core10", [2, 2, 2, 2, 2, None, 2, 2, 2, 2])
    assert [(f.code, f.item, f.is_risk, f.severity) for f in result.flags] == [
        ("risk_item_unanswered", 6, True, "moderate")
    ]
    assert "not answered: ask about it in person" in result.flags[0].reason


# DASS-21 -------------------------------------------------------------------------------

DEPRESSION = (3, 5, 10, 13, 16, 17, 21)
ANXIETY = (2, 4, 7, 9, 15, 19, 20)
STRESS = (1, 6, 8, 11, 12, 14, 18)


def dass(depression: int = 0, anxiety: int = 0, stress: int = 0) -> list[int]:
    """Answers whose raw (undoubled) scale sums are as given."""
    answers = [0] * 21
    for numbers, raw in ((DEPRESSION, depression), (ANXIETY, anxiety), (STRESS, stress)):
        for number, value in zip(numbers, spread(raw, 7, 3), strict=True):
            answers[number - 1] = value
    return answers


@pytest.mark.parametrize(
    ("scale", "doubled", "level"),
    [("depression", 8, "normal"), ("depression", 10, "mild"), ("depression", 12, "mild"),
     ("depression", 14, "moderate"), ("depression", 20, "moderate"),
     ("depression", 22, "severe"), ("depression", 26, "severe"),
     ("depression", 28, "extremely_severe"), ("depression", 42, "extremely_severe"),
     ("anxiety", 6, "normal"), ("anxiety", 8, "mild"), ("anxiety", 10, "moderate"),
     ("anxiety", 14, "moderate"), ("anxiety", 16, "severe"), ("anxiety", 18, "severe"),
     ("anxiety", 20, "extremely_severe"),
     ("stress", 14, "normal"), ("stress", 16, "mild"), ("stress", 18, "mild"),
     ("stress", 20, "moderate"), ("stress", 24, "moderate"), ("stress", 26, "severe"),
     ("stress", 32, "severe"), ("stress", 34, "extremely_severe")],
)  # fmt: skip
def test_dass21_lovibond_bands_on_doubled_scores(scale, doubled, level):
    result = score("dass21", dass(**{scale: doubled // 2}))
    assert result.subscales[scale] == doubled
    assert result.levels[scale] == level


def test_dass21_scales_are_doubled_and_kept_apart():
    result = score("dass21", dass(depression=5, anxiety=4, stress=9))
    assert result.subscales == {"depression": 10, "anxiety": 8, "stress": 18}
    assert result.total == 36
    assert result.band is None
    assert result.levels == {"depression": "mild", "anxiety": "mild", "stress": "mild"}


def test_dass21_refuses_a_missing_answer():
    answers = dass()
    answers[16] = None
    with pytest.raises(ScoringError) as error:
        score("dass21", answers)
    assert error.value.item == 17


# EPDS ----------------------------------------------------------------------------------


def test_epds_reverse_scoring_by_printed_position():
    # First answer printed everywhere: items 1, 2 and 4 score 0, the other seven score 3.
    assert score("epds", [0] * 10).total == 21
    assert score("epds", [3] * 10).total == 9


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "below"), (9, "below"), (10, "possible"), (12, "possible"), (13, "probable"),
     (27, "probable")],
)  # fmt: skip
def test_epds_cutoffs(total, band):
    scores = spread(total, 9, 3) + [0]
    positions = [s if n in (1, 2, 4) else 3 - s for n, s in enumerate(scores, start=1)]
    result = score("epds", positions)
    assert (result.total, result.band) == (total, band)


def test_epds_refuses_a_missing_answer():
    with pytest.raises(ScoringError) as error:
        score("epds", [0, 0, 3, 0, 3, 3, None, 3, 3, 3])
    assert error.value.item == 7
