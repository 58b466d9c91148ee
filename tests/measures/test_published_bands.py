"""H-084: no band or cut-off starts higher than its published source says (which would
put a score in a lower band than the source gives it).

Each instrument's band edges and screening cut-offs are written out here from the source
itself, apart from the instrument files, and the engine's are compared with them. Where
caseload departs from a source (AUDIT's two extra raising rules, AUDIT-C's threshold of 3
when sex is unknown), the departure only ever gives the higher band, and is documented in
docs/measures-instruments.md; the AUDIT zone rule is checked in test_audit_manual.py.
"""

import pytest

from caseload.measures.instruments import auditc, dass21, gad2, get, k6, pcl5, phq2, proqol5
from caseload.measures.scoring import score

# (code, [(band code, lowest score of the band), ...]) as published.
PUBLISHED_BANDS = {
    # Kroenke K, Spitzer RL, Williams JB. J Gen Intern Med 2001;16(9):606-613: 5, 10, 15, 20.
    "phq9": [
        ("minimal", 0),
        ("mild", 5),
        ("moderate", 10),
        ("moderately_severe", 15),
        ("severe", 20),
    ],
    # Spitzer RL, Kroenke K, Williams JB, Lowe B. Arch Intern Med 2006;166(10):1092-1097.
    "gad7": [("minimal", 0), ("mild", 5), ("moderate", 10), ("severe", 15)],
    # Kroenke K, Spitzer RL, Williams JB. Med Care 2003;41(11):1284-1292 (PHQ-2 at 3);
    # Kroenke K, et al. Ann Intern Med 2007;146(5):317-325 (GAD-2 at 3).
    "phq2": [("negative", 0), ("positive", 3)],
    "gad2": [("negative", 0), ("positive", 3)],
    # National Center for PTSD: 33 proposed (the good cut-points were 31-33).
    "pcl5": [("below_cutoff", 0), ("probable_ptsd", 33)],
    # Topp CW, et al. Psychother Psychosom 2015;84(3):167-176: 28 or below, 50 or below.
    "who5": [("very_poor", 0), ("poor", 29), ("good", 51)],
    # Andrews G, Slade T. Aust N Z J Public Health 2001;25(6):494-497.
    "k10": [("low", 10), ("moderate", 16), ("high", 22), ("very_high", 30)],
    # Kessler RC, et al. Arch Gen Psychiatry 2003;60(2):184-189 (13); Prochaska JJ, et al.
    # Int J Methods Psychiatr Res 2012;21(2):88-97 (5).
    "k6": [("low", 0), ("moderate", 5), ("serious", 13)],
    # Babor TF, et al. AUDIT, 2nd ed. WHO 2001, table 6.
    "audit": [("zone_1", 0), ("zone_2", 8), ("zone_3", 16), ("zone_4", 20)],
    # Barkham M, et al. Couns Psychother Res 2013;13(1):3-13.
    "core10": [
        ("healthy", 0),
        ("low", 6),
        ("mild", 11),
        ("moderate", 15),
        ("moderate_severe", 20),
        ("severe", 25),
    ],
    # Cox JL, Holden JM, Sagovsky R. Br J Psychiatry 1987;150:782-786 (9/10 and 12/13).
    "epds": [("below", 0), ("possible", 10), ("probable", 13)],
}

# Lovibond SH, Lovibond PF. Manual for the Depression Anxiety Stress Scales. 2nd ed. 1995:
# the lowest doubled score of mild, moderate, severe and extremely severe.
DASS21 = {"depression": (10, 14, 21, 28), "anxiety": (8, 10, 15, 20), "stress": (15, 19, 26, 34)}


@pytest.mark.parametrize("code", sorted(PUBLISHED_BANDS))
def test_h084_every_band_starts_where_its_source_says(code):
    bands = sorted(get(code).bands, key=lambda band: band.low)
    assert [(band.code, band.low) for band in bands] == PUBLISHED_BANDS[code]
    for lower, upper in zip(bands, bands[1:], strict=False):
        assert upper.low == lower.high + 1  # no gap a score could fall through


def test_h084_screening_cut_offs_are_the_published_ones():
    assert phq2.POSITIVE_AT == gad2.POSITIVE_AT == 3
    assert k6.SERIOUS_AT == 13
    assert pcl5.PROBABLE_AT == 33 and pcl5.SYMPTOM_AT == 2  # "Moderately" is a symptom
    # Bradley KA, et al. Alcohol Clin Exp Res 2007;31(7):1208-1217: women 3, men 4.
    assert auditc.THRESHOLDS == {"female": 3, "male": 4, None: 3}
    # Stamm BH. The Concise ProQOL Manual. 2nd ed. 2010: 22 or less low, 42 or more high.
    assert (proqol5.LOW_AT_MOST, proqol5.HIGH_FROM) == (22, 42)


@pytest.mark.parametrize("scale", sorted(DASS21))
def test_h084_dass21_levels_start_where_lovibond_says(scale):
    lows = [band.low for band in dass21.BANDS[scale]]
    assert lows == [0, *DASS21[scale]]


@pytest.mark.parametrize(
    ("code", "answers", "total", "band"),
    [
        ("phq2", [2, 1], 3, "positive"),
        ("gad2", [1, 2], 3, "positive"),
        ("k6", [3, 3, 3, 2, 1, 1], 13, "serious"),
        # EPDS answers are printed positions; items 3 and 5-10 score 3 minus the position.
        ("epds", [3, 3, 0, 3, 2, 3, 3, 3, 3, 3], 13, "probable"),
    ],
)
def test_h084_a_score_at_a_cut_off_is_in_the_higher_band(code, answers, total, band):
    result = score(code, answers)
    assert (result.total, result.band) == (total, band)
