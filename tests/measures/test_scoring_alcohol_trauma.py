"""AUDIT (zones and the bump rule), AUDIT-C (thresholds by sex) and PCL-5 (clusters, the
provisional diagnosis rule and the probable PTSD cut-off)."""

import pytest

from caseload.measures.result import ScoringError
from caseload.measures.scoring import score

# AUDIT ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "total", "zone"),
    [
        ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0, "zone_1"),
        ([1, 1, 1, 0, 0, 0, 2, 2, 0, 0], 7, "zone_1"),
        ([1, 1, 1, 0, 0, 0, 2, 3, 0, 0], 8, "zone_2"),
        # Items 4-6 together below 2 and items 9-10 below 4, so no rule raises the zone.
        ([4, 4, 4, 1, 0, 0, 2, 0, 0, 0], 15, "zone_2"),
        ([4, 4, 4, 1, 0, 0, 3, 0, 0, 0], 16, "zone_3"),
        ([4, 4, 4, 0, 0, 0, 4, 3, 0, 0], 19, "zone_3"),
        ([4, 4, 4, 0, 0, 0, 4, 4, 0, 0], 20, "zone_4"),
        ([4, 4, 4, 4, 4, 4, 4, 4, 4, 4], 40, "zone_4"),
    ],
)
def test_audit_zones_by_total(answers, total, zone):
    result = score("audit", answers, context={"sex": "male"})
    assert (result.total, result.band) == (total, zone)
    assert result.subscales["zone_by_total"] == int(zone[-1])
    assert result.band_label.startswith("Zone")


def test_audit_bump_dependence_weekly_raises_to_zone_4():
    result = score("audit", [1, 0, 0, 0, 3, 0, 0, 0, 0, 0], context={"sex": "male"})
    assert (result.total, result.band) == (4, "zone_4")
    # Two rules raise it: the manual's (items 4-6 score 3: one level up, to II) and
    # caseload's (a weekly dependence answer: IV); each says so.
    manual, weekly = result.flags
    assert {manual.code, weekly.code, manual.is_risk, weekly.is_risk} == {"zone_raised", False}
    assert "the WHO manual gives the next zone up, II" in manual.reason
    assert "item 5" in weekly.reason and "zone raised to IV" in weekly.reason


def test_h080_audit_dependence_monthly_raises_one_zone_as_the_manual_says():
    """H-080. The WHO manual: the next level up for 2 or more on items 4-6. (The rule
    before raised nothing below "Weekly"; this test replaces one that asserted that.)"""
    result = score("audit", [1, 0, 0, 0, 2, 0, 0, 0, 0, 0], context={"sex": "male"})
    assert (result.total, result.band) == (3, "zone_2")
    [flag] = result.flags
    assert "items 4-6" in flag.reason and "II" in flag.reason


def test_h080_audit_two_dependence_items_at_1_raise_one_zone():
    """H-080. Items 4-6 read together: two answers of "Less than monthly" make 2."""
    result = score("audit", [2, 2, 2, 1, 1, 0, 4, 0, 0, 0], context={"sex": "male"})
    assert (result.total, result.band) == (12, "zone_3")


@pytest.mark.parametrize(
    ("item", "value", "zone"),
    [(9, 4, "zone_2"), (10, 4, "zone_2"), (9, 2, "zone_1"), (10, 2, "zone_1")],
)
def test_audit_harm_in_the_last_year_raises_zone_1_to_2(item, value, zone):
    answers = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    answers[item - 1] = value
    assert score("audit", answers, context={"sex": "male"}).band == zone


@pytest.mark.parametrize("item", [9, 10])
def test_h080_audit_harm_in_the_last_year_raises_zone_2_to_3(item):
    """H-080. Zone II by total (10) with harm in the last year: the manual's next level, III
    (the rule before stopped at "at least II")."""
    answers = [2, 2, 2, 0, 0, 0, 0, 0, 0, 0]
    answers[item - 1] = 4
    result = score("audit", answers, context={"sex": "male"})
    assert (result.total, result.band) == (10, "zone_3")


@pytest.mark.parametrize(
    ("sex", "zone"), [("female", "zone_2"), (None, "zone_2"), ("male", "zone_1")]
)
def test_audit_bump_auditc_positive_raises_zone_1_by_sex(sex, zone):
    # Items 1-3 add up to 3: positive for women (and when sex is unknown), not for men.
    result = score("audit", [2, 1, 0, 0, 0, 0, 0, 0, 0, 0], context={"sex": sex})
    assert (result.total, result.band) == (3, zone)


def test_audit_bump_never_lowers_a_zone():
    result = score("audit", [4, 4, 4, 3, 2, 2, 2, 0, 0, 0], context={"sex": "male"})
    assert (result.total, result.band, result.flags) == (21, "zone_4", ())


def test_audit_skip_after_never_drinking():
    result = score("audit", [0, None, None, None, None, None, None, None, 0, 2])
    assert (result.total, result.band) == (2, "zone_1")
    assert "skipped" in result.missing_note


def test_audit_skip_after_no_drinks_on_items_2_and_3():
    result = score("audit", [1, 0, 0, None, None, None, None, None, 0, 0])
    assert result.total == 1 and result.missing_note


@pytest.mark.parametrize(
    ("answers", "item"),
    [([1, None, 0, 0, 0, 0, 0, 0, 0, 0], 2), ([1, 1, 0, None, 0, 0, 0, 0, 0, 0], 4),
     ([0, None, None, None, None, None, None, None, None, 0], 9)],
)  # fmt: skip
def test_audit_refuses_other_missing_answers(answers, item):
    with pytest.raises(ScoringError) as error:
        score("audit", answers)
    assert error.value.item == item


@pytest.mark.parametrize("value", [1, 3])
def test_audit_items_9_and_10_score_0_2_4_only(value):
    with pytest.raises(ScoringError) as error:
        score("audit", [1, 0, 0, 0, 0, 0, 0, 0, value, 0])
    assert error.value.item == 9


# AUDIT-C -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "sex", "band"),
    [([1, 0, 1], "female", "negative"), ([2, 0, 1], "female", "positive"),
     ([2, 0, 1], "male", "negative"), ([2, 1, 1], "male", "positive"),
     ([1, 0, 1], None, "negative"), ([2, 0, 1], None, "positive"),
     ([4, 4, 4], "male", "positive"), ([0, 0, 0], None, "negative")],
)  # fmt: skip
def test_auditc_thresholds_by_sex(answers, sex, band):
    result = score("auditc", answers, context={"sex": sex})
    assert result.band == band
    assert [f.code for f in result.flags] == (["positive_screen"] if band == "positive" else [])
    assert not any(f.is_risk for f in result.flags)


def test_auditc_without_context_uses_the_stricter_threshold():
    result = score("auditc", [2, 0, 1])
    assert result.band == "positive"
    assert "sex is not recorded" in result.flags[0].reason


@pytest.mark.parametrize("code", ["auditc", "audit"])
def test_a_malformed_sex_is_refused(code):
    answers = [1, 0, 0] + ([0] * 7 if code == "audit" else [])
    with pytest.raises(ScoringError, match="sex"):
        score(code, answers, context={"sex": "F"})


# PCL-5 ---------------------------------------------------------------------------------

# The fewest symptoms that meet the rule: 1 B (item 1), 1 C (6), 2 D (8, 9), 2 E (15, 16).
MINIMAL = [1, 6, 8, 9, 15, 16]


def pcl5(rated: dict[int, int]) -> list[int]:
    answers = [0] * 20
    for number, value in rated.items():
        answers[number - 1] = value
    return answers


def test_pcl5_provisional_diagnosis_at_its_minimum():
    result = score("pcl5", pcl5(dict.fromkeys(MINIMAL, 2)))
    assert result.levels["provisional_diagnosis"] == "met"
    assert "provisional_diagnosis" in [f.code for f in result.flags]
    assert result.subscales == {"cluster_b": 2, "cluster_c": 2, "cluster_d": 4, "cluster_e": 4}


@pytest.mark.parametrize("dropped", MINIMAL)
def test_pcl5_provisional_diagnosis_one_short(dropped):
    rated = dict.fromkeys(MINIMAL, 2)
    rated[dropped] = 1  # rated 1 ("A little bit") is not a symptom
    result = score("pcl5", pcl5(rated))
    assert result.levels["provisional_diagnosis"] == "not_met"


def test_pcl5_high_total_without_the_cluster_pattern():
    # All of B and D at 4: 48 points, but no C or E symptom.
    result = score("pcl5", pcl5({n: 4 for n in [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14]}))
    assert result.total == 48
    assert result.band == "probable_ptsd"
    assert result.levels["provisional_diagnosis"] == "not_met"


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "below_cutoff"), (32, "below_cutoff"), (33, "probable_ptsd"), (80, "probable_ptsd")],
)
def test_pcl5_probable_ptsd_cutoff_33(total, band):
    answers, left = [], total
    for _ in range(20):
        answers.append(min(4, left))
        left -= answers[-1]
    result = score("pcl5", answers)
    assert (result.total, result.band) == (total, band)
    assert ("positive_screen" in [f.code for f in result.flags]) is (total >= 33)
    assert not any(f.is_risk for f in result.flags)


def test_pcl5_refuses_a_missing_answer():
    answers = [1] * 20
    answers[13] = None
    with pytest.raises(ScoringError) as error:
        score("pcl5", answers)
    assert error.value.item == 14
