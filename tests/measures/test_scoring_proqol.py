"""ProQOL 5 as the wellbeing self-check (issue 7) calls it: three subscales of ten items,
burnout items 1, 4, 15, 17 and 29 reverse scored, levels low / average / high."""

import pytest

from caseload.measures.result import ScoringError
from caseload.measures.scoring import score

CS = (3, 6, 12, 16, 18, 20, 22, 24, 27, 30)
BURNOUT = (1, 4, 8, 10, 15, 17, 19, 21, 26, 29)
STS = (2, 5, 7, 9, 11, 13, 14, 23, 25, 28)
REVERSED = (1, 4, 15, 17, 29)


def answers(cs: int = 3, burnout: int = 3, sts: int = 3) -> list[int]:
    result = [0] * 30
    for numbers, value in ((CS, cs), (BURNOUT, burnout), (STS, sts)):
        for number in numbers:
            result[number - 1] = value
    return result


def test_subscale_keys_and_no_total():
    result = score("proqol5", answers())
    assert set(result.subscales) == {
        "compassion_satisfaction",
        "burnout",
        "secondary_traumatic_stress",
    }
    assert result.total is None and result.band is None
    assert result.subscales == dict.fromkeys(result.subscales, 30)
    assert result.levels == dict.fromkeys(result.subscales, "average")


def test_burnout_reverse_scores_five_items():
    # Burnout answered 5 everywhere: five items score 5, the reversed five score 1.
    assert score("proqol5", answers(burnout=5)).subscales["burnout"] == 5 * 5 + 5 * 1
    assert score("proqol5", answers(burnout=1)).subscales["burnout"] == 5 * 1 + 5 * 5


def test_each_reversed_item_moves_burnout_down():
    base = answers(burnout=3)
    for number in REVERSED:
        raised = list(base)
        raised[number - 1] = 4
        assert score("proqol5", raised).subscales["burnout"] == 29
    raised = list(base)
    raised[7] = 4  # item 8: not reversed
    assert score("proqol5", raised).subscales["burnout"] == 31


@pytest.mark.parametrize(
    ("sum_", "level"),
    [(10, "low"), (22, "low"), (23, "average"), (41, "average"), (42, "high"), (50, "high")],
)
def test_level_boundaries(sum_, level):
    # Compassion satisfaction answered so that its ten items add up to `sum_`.
    values, left = [], sum_ - 10
    for _ in range(10):
        values.append(1 + min(4, left))
        left -= values[-1] - 1
    given = answers()
    for number, value in zip(CS, values, strict=True):
        given[number - 1] = value
    result = score("proqol5", given)
    assert result.subscales["compassion_satisfaction"] == sum_
    assert result.levels["compassion_satisfaction"] == level


def test_answers_are_1_to_5():
    given = answers()
    given[11] = 0
    with pytest.raises(ScoringError) as error:
        score("proqol5", given)
    assert error.value.item == 12


def test_a_missing_answer_is_refused():
    given = answers()
    given[28] = None
    with pytest.raises(ScoringError) as error:
        score("proqol5", given)
    assert error.value.item == 29


def test_explanation_is_for_the_professional_and_not_a_diagnosis():
    text = score("proqol5", answers(burnout=4)).explanation
    assert "burnout" in text and "not a diagnosis" in text
    assert "clinician" not in text
