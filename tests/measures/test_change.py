"""Change statistics: the Jacobson and Truax formulas, and each NHS Talking Therapies
category at its boundaries, for higher-is-worse and higher-is-better instruments."""

import math
import re

import pytest

from caseload.measures import change
from caseload.measures.change import (
    caseness,
    classify,
    clinical_cutoff,
    norms,
    reliable_change_index,
)
from caseload.measures.instruments import get

re_year = re.compile(r"(19|20)\d\d")


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
        # WHO-5: reliable change needs more than 21.03 points (SD 5.26 x 4, alpha .87,
        # Saipanish et al. 2009); totals move in steps of 4, so 24. The 10-point
        # clinically meaningful figure (Topp et al. 2015) stays separate and never reliable.
        (40, 28, "meaningful_deterioration"),  # -12
        (40, 20, "meaningful_deterioration"),  # -20: still within measurement error
        (44, 20, "reliable_deterioration"),  # -24
        (40, 32, "no_reliable_change"),
        (40, 48, "no_reliable_change"),
        (40, 52, "recovery"),  # out of the poor-wellbeing range (50 or below)
        (48, 52, "recovery"),
        (28, 52, "reliable_recovery"),  # +24 and out of the range
        (60, 48, "meaningful_deterioration"),
        (60, 72, "meaningful_improvement"),
        (60, 84, "reliable_improvement"),
    ],
)
def test_h081_who5_is_higher_is_better_and_reliable_only_past_21_points(
    baseline, current, category
):
    result = classify("who5", baseline, current)
    assert result.category == category
    assert result.reliable_threshold == pytest.approx(21.03, abs=0.01)
    assert result.meaningful_threshold == 10
    assert result.off_track is (category == "reliable_deterioration")
    assert result.label.startswith("Reliably") is (category in change.RELIABLE_CATEGORIES)


def test_h081_a_10_point_pcl5_fall_is_clinically_meaningful_not_reliable():
    result = classify("pcl5", 50, 40)
    assert result.category == "meaningful_improvement"
    assert result.label == (
        "Clinically meaningful improvement (not reliable: change of -10, reliable change "
        "needs more than 14.6)"
    )
    assert result.reliable_threshold == pytest.approx(14.58, abs=0.01)
    assert result.rci == pytest.approx(-10 / (12.40 * math.sqrt(2) * math.sqrt(0.18)))


def test_h081_pcl5_reliable_change_is_jacobson_truax_from_its_cited_sd_and_retest_r():
    # 1.96 x 12.40 x sqrt(2) x sqrt(1 - .82) = 14.582: a change of 14 is not reliable,
    # 15 is; 10 to 14 points stay "clinically meaningful".
    assert norms("pcl5").reliable_threshold == pytest.approx(14.582, abs=1e-3)
    assert classify("pcl5", 50, 36).category == "meaningful_improvement"
    fifteen = classify("pcl5", 50, 35)
    assert fifteen.category == "reliable_improvement"
    assert fifteen.label == (
        "Reliably better (change of -15, reliable change needs more than 14.6)"
    )
    worse = classify("pcl5", 20, 35)
    assert worse.category == "reliable_deterioration" and worse.off_track
    assert classify("pcl5", 20, 34).category == "meaningful_deterioration"


def test_h081_core10_reliable_change_is_jacobson_truax_from_its_cited_sd_and_alpha():
    # 1.96 x 7.7 x sqrt(2) x sqrt(1 - .90) = 6.749: a fall of 6 is not reliable, 7 is.
    assert norms("core10").reliable_threshold == pytest.approx(6.749, abs=1e-3)
    assert classify("core10", 20, 14).category == "no_reliable_change"
    seven = classify("core10", 20, 13)
    assert seven.category == "reliable_improvement"
    assert seven.label == "Reliably better (change of -7, reliable change needs more than 6.7)"
    assert seven.rci == pytest.approx(-7 / (7.7 * math.sqrt(2) * math.sqrt(0.10)))
    worse = classify("core10", 8, 20)  # from below the cut-off to above it
    assert worse.category == "reliable_deterioration" and worse.off_track


# The figures as read in each source (docs/measures-instruments.md gives the addresses).
PUBLISHED = {
    # code: (SD of the total on caseload's scale, reliability)
    "phq9": (6.17, 0.851),  # Reprod Health 2019;16:137, table 2
    "who5": (5.26 * 4, 0.87),  # Saipanish et al. 2009: raw SD 5.26, alpha .87
    "core10": (7.7, 0.90),  # CORE-10 manual SD; Barkham et al. 2013 alpha
    "pcl5": (12.40, 0.82),  # J Affect Disord 2020 table 3 SD; Blevins et al. 2015 retest r
}
# Worked by hand: 1.96 x SD x sqrt(2) x sqrt(1 - r).
EXPECTED_JACOBSON_TRUAX = {"phq9": 6.602, "who5": 21.028, "core10": 6.749, "pcl5": 14.582}


def test_h081_every_threshold_is_recomputed_from_the_cited_numbers():
    """Each instrument's reliable-change threshold, worked out here from the SD and
    reliability it cites (Jacobson and Truax 1991), or its service convention; the cited
    numbers appear in the citation text, so a changed value cannot keep an old source."""
    conventions = {"phq9": 6, "gad7": 4}  # NHS Talking Therapies, unchanged
    for code in ("phq9", "gad7", "who5", "core10", "pcl5"):
        found = norms(code)
        if code in PUBLISHED:
            sd, r = PUBLISHED[code]
            assert (found.sd1.value, found.reliability.value) == (pytest.approx(sd), r)
            assert found.jacobson_truax_threshold == pytest.approx(
                1.96 * sd * 2**0.5 * (1 - r) ** 0.5
            )
            assert found.jacobson_truax_threshold == pytest.approx(
                EXPECTED_JACOBSON_TRUAX[code], abs=1e-3
            )
            for cited in (found.sd1, found.reliability):
                assert re_year.search(cited.citation), cited
            assert f"{r:g}".lstrip("0") in found.reliability.citation
        else:
            assert found.sd1 is None and found.jacobson_truax_threshold is None
        if code in conventions:
            assert found.reliable_change.value == conventions[code]
            assert "Talking Therapies" in found.reliable_change.citation
            assert found.reliable_threshold == conventions[code]
        else:
            assert found.reliable_threshold == found.jacobson_truax_threshold
    assert "SD 5.26" in norms("who5").sd1.citation  # the raw-score SD, scaled x 4
    assert "SD 12.40" in norms("pcl5").sd1.citation
    assert "SD 6.17" in norms("phq9").sd1.citation


def _scores(code):
    if code == "who5":
        return range(0, 101, 4)  # raw 0-25 x 4
    instrument = get(code)
    return range(int(instrument.min_total), int(instrument.max_total) + 1)


@pytest.mark.parametrize("code", ["phq9", "gad7", "who5", "core10", "pcl5"])
def test_h081_nothing_is_called_reliable_unless_it_passes_the_threshold(code):
    """Every pair of possible scores: a category (and a label) says "reliable" only when the
    change passes the reliable-change threshold, in the right direction; a clinically
    meaningful change below it is labelled as not reliable; every label fits its column."""
    found = norms(code)
    # Written out apart from change.py: the NHS conventions ("N or more") and the
    # Jacobson-Truax figures worked by hand from the cited SD and r ("more than").
    at_least = {"phq9": 6, "gad7": 4}.get(code)
    more_than = EXPECTED_JACOBSON_TRUAX.get(code)
    for baseline in _scores(code):
        for current in _scores(code):
            result = classify(code, baseline, current)
            difference = current - baseline
            better = -difference if found.higher_is_worse else difference
            if at_least is not None:
                reliable = abs(difference) >= at_least
            else:
                reliable = abs(difference) > more_than
            if code in PUBLISHED:
                sd, r = PUBLISHED[code]
                assert result.rci == pytest.approx(difference / (sd * 2**0.5 * (1 - r) ** 0.5))
            else:
                assert result.rci is None
            said_reliable = result.category in change.RELIABLE_CATEGORIES
            assert said_reliable == reliable, (baseline, current)
            assert result.label.startswith("Reliably") == said_reliable, result.label
            if result.category == "reliable_improvement":
                assert better > 0
            if result.category == "reliable_deterioration":
                assert better < 0 and result.off_track
            if result.category.startswith("meaningful_"):
                assert abs(difference) >= found.meaningful_threshold and not reliable
                assert "Clinically meaningful" in result.label
            if not said_reliable and difference:
                assert "change of" in result.label
            assert len(result.label) <= 120


def test_h081_labels_say_the_change_and_what_reliable_needs():
    assert classify("phq9", 15, 21).label == (
        "Reliably worse (change of +6, reliable change needs 6 or more)"
    )
    assert classify("gad7", 12, 10).label == (
        "No reliable change (change of -2, reliable change needs 4 or more)"
    )
    assert classify("phq9", 12, 9).label == (
        "Out of the clinical range (recovery), but no reliable change (change of -3, "
        "reliable change needs 6 or more)"
    )


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


def test_phq9_keeps_the_nhs_rule_and_stores_the_published_rci():
    """PHQ-9 is classified by the NHS Talking Therapies rule (6 points), while its stored
    RCI comes from the published SD and alpha; where the two disagree the rule decides."""
    result = classify("phq9", 15, 9)
    assert result.category == "reliable_recovery" and result.reliable_threshold == 6
    assert result.rci == pytest.approx(-6 / (6.17 * math.sqrt(2) * math.sqrt(1 - 0.851)))
    assert abs(result.rci) < 1.96  # not reliable by Jacobson-Truax, reliable by the rule
    assert norms("phq9").reliable_needs() == "6 or more"


def test_gad7_has_no_published_sd_so_no_rci():
    assert classify("gad7", 15, 9).rci is None
