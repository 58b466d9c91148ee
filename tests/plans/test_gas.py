"""Goal attainment scaling: the Kiresuk-Sherman T-score (plans/gas.py)."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caseload.plans.gas import GasError, level_label, rounded, t_score

ratings_lists = st.lists(st.sampled_from([-2, -1, 0, 1, 2]), min_size=1, max_size=12)


def test_three_goals_all_at_plus_one_give_63_69():
    assert rounded(t_score([1, 1, 1])) == 63.69


def test_one_goal_at_minus_two_gives_30():
    assert rounded(t_score([-2])) == 30.0


def test_unequal_weights_follow_the_formula():
    # 50 + 10 * (2*1 + 1*-1) / sqrt(0.7 * (4 + 1) + 0.3 * 3^2) = 50 + 10 / sqrt(6.2)
    assert t_score([1, -1], [2, 1]) == pytest.approx(50 + 10 / math.sqrt(6.2))


@pytest.mark.parametrize(
    "ratings,weights",
    [([], None), ([3], None), ([1, 1], [1]), ([1], [0]), ([1], [-1]), ([1], [math.nan])],
)
def test_bad_input_is_refused(ratings, weights):
    with pytest.raises(GasError):
        t_score(ratings, weights)


@given(st.integers(min_value=1, max_value=20))
def test_all_goals_as_expected_give_50(count):
    assert t_score([0] * count) == 50


@given(ratings_lists, st.data())
def test_raising_one_rating_never_lowers_the_score(ratings, data):
    index = data.draw(st.integers(min_value=0, max_value=len(ratings) - 1))
    if ratings[index] == 2:
        return
    raised = list(ratings)
    raised[index] += 1
    assert t_score(raised) > t_score(ratings)


@given(ratings_lists)
def test_negated_ratings_mirror_around_50(ratings):
    assert t_score(ratings) - 50 == pytest.approx(50 - t_score([-x for x in ratings]))


@given(
    ratings_lists.flatmap(
        lambda ratings: st.tuples(
            st.just(ratings),
            st.lists(
                st.floats(min_value=0.1, max_value=10),
                min_size=len(ratings),
                max_size=len(ratings),
            ),
            st.floats(min_value=0.01, max_value=100),
        )
    )
)
def test_scaling_every_weight_leaves_the_score_unchanged(case):
    ratings, weights, factor = case
    scaled = [weight * factor for weight in weights]
    assert t_score(ratings, scaled) == pytest.approx(t_score(ratings, weights))


def test_levels_are_written_as_on_a_gas_scale():
    assert [level_label(level) for level in (2, 1, 0, -1, -2)] == ["+2", "+1", "0", "-1", "-2"]
