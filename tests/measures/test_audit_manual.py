"""H-080: the AUDIT zone is never lower than the WHO manual gives.

The reference below is the manual's rule written out plainly, apart from the engine
(Babor TF, Higgins-Biddle JC, Saunders JB, Monteiro MG. AUDIT: The Alcohol Use Disorders
Identification Test. Guidelines for use in primary care. 2nd ed. WHO 2001, table 6 and its
note): zones I 0-7, II 8-15, III 16-19, IV 20-40, and "provide the next highest level of
intervention to patients who score 2 or more on Questions 4, 5 and 6, or 4 on Questions 9
or 10". That sentence is read both ways (each of items 4-6 alone, and the three together);
the engine must never be below either reading, and must equal the together reading plus
caseload's two documented additions (a weekly dependence answer gives IV; a positive
AUDIT-C lifts zone I to II) exactly.
"""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from caseload.measures.instruments import auditc
from caseload.measures.scoring import score


def manual_zone(answers: list[int], *, items_together: bool) -> int:
    total = sum(answers)
    if total <= 7:
        zone = 1
    elif total <= 15:
        zone = 2
    elif total <= 19:
        zone = 3
    else:
        zone = 4
    item4, item5, item6, item9, item10 = (answers[i] for i in (3, 4, 5, 8, 9))
    if items_together:
        dependence = item4 + item5 + item6 >= 2
    else:
        dependence = item4 >= 2 or item5 >= 2 or item6 >= 2
    if dependence or item9 == 4 or item10 == 4:
        zone = min(zone + 1, 4)
    return zone


def caseload_zone(answers: list[int], sex: str | None) -> int:
    """The manual (items 4-6 together) and caseload's two additions, which only raise."""
    zone = manual_zone(answers, items_together=True)
    if max(answers[3], answers[4], answers[5]) >= 3:  # "Weekly" or "Daily or almost daily"
        zone = 4
    cut = {"female": 3, "male": 4, None: 3}[sex]
    if zone == 1 and answers[0] + answers[1] + answers[2] >= cut:
        zone = 2
    return zone


def engine_zone(answers: list[int], sex: str | None) -> int:
    result = score("audit", answers, context={"sex": sex})
    return int(result.band.removeprefix("zone_"))


def _check(answers: list[int], sex: str | None) -> None:
    engine = engine_zone(answers, sex)
    assert engine >= manual_zone(answers, items_together=False), answers
    assert engine >= manual_zone(answers, items_together=True), answers
    assert engine == caseload_zone(answers, sex), answers


def _every_answer_set_that_can_differ():
    """Every combination of what the zone can depend on. The manual and caseload read
    items 4, 5, 6, 9 and 10 one by one, items 1-3 through their sum (AUDIT-C) and the
    total, and items 7-8 only through the total; so all 125 answer sets of items 4-6, all
    9 of items 9-10, one answer set for each sum of items 1-3 (0-12) and of items 7-8
    (0-8) cover every case the full 3.5 million answer sets contain."""
    first_three = [[min(s, 4), min(max(s - 4, 0), 4), max(s - 8, 0)] for s in range(13)]
    seven_eight = [[min(s, 4), max(s - 4, 0)] for s in range(9)]
    for consumption in first_three:
        for dependence in itertools.product(range(5), repeat=3):
            for later in seven_eight:
                for harm in itertools.product((0, 2, 4), repeat=2):
                    yield consumption + list(dependence) + later + list(harm)


def test_h080_the_zone_is_never_below_the_who_manual_over_every_answer_set():
    count = 0
    for answers in _every_answer_set_that_can_differ():
        _check(answers, "male")
        count += 1
    assert count == 13 * 125 * 9 * 9


def test_h080_auditc_thresholds_by_sex_over_zone_1_answer_sets():
    """The AUDIT-C addition depends on sex: every answer set whose total is in zone I,
    for women, men and unknown sex."""
    for answers in _every_answer_set_that_can_differ():
        if sum(answers) <= 7:
            for sex in ("female", None):
                _check(answers, sex)
    assert auditc.THRESHOLDS == {"female": 3, "male": 4, None: 3}


@settings(max_examples=400, deadline=None)
@given(
    consumption=st.lists(st.integers(0, 4), min_size=8, max_size=8),
    harm=st.lists(st.sampled_from([0, 2, 4]), min_size=2, max_size=2),
    sex=st.sampled_from(["female", "male", None]),
)
def test_h080_any_full_answer_set_matches_the_reference(consumption, harm, sex):
    _check(consumption + harm, sex)


def test_the_reference_itself_follows_the_manual_examples():
    """The reference is checked by hand on the manual's boundaries, so the comparison
    above is not two copies of one mistake."""
    nothing = [0] * 10
    assert manual_zone(nothing, items_together=False) == 1
    assert manual_zone([4, 4, 0, 0, 0, 0, 0, 0, 0, 0], items_together=False) == 2  # 8
    assert manual_zone([4, 4, 4, 0, 0, 0, 4, 0, 0, 0], items_together=False) == 3  # 16
    assert manual_zone([4, 4, 4, 0, 0, 0, 4, 4, 0, 0], items_together=False) == 4  # 20
    monthly = [1, 0, 0, 2, 0, 0, 0, 0, 0, 0]
    assert manual_zone(monthly, items_together=False) == 2
    two_ones = [1, 0, 0, 1, 1, 0, 0, 0, 0, 0]
    assert manual_zone(two_ones, items_together=False) == 1
    assert manual_zone(two_ones, items_together=True) == 2
    harm_in_zone_4 = [4, 4, 4, 0, 0, 0, 4, 4, 0, 4]
    assert manual_zone(harm_in_zone_4, items_together=True) == 4  # no zone above IV
