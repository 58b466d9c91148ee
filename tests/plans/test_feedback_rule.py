"""When session feedback is a concern (plans/feedback.py): a low rating, or a drop from
the client's usual. Hazard guarded: feedback hidden from the clinician."""

from caseload.plans.feedback import concern_of


def ratings(heard=5, focus=5, approach=5):
    return {"heard": heard, "focus": focus, "approach": approach}


def test_a_rating_of_two_or_lower_is_a_low_rating():
    concern = concern_of(ratings(focus=2), [])
    assert concern.kind == "low"
    assert "We worked on what I wanted to work on. 2/5" in concern.detail


def test_three_is_not_low():
    assert concern_of(ratings(3, 3, 3), []).kind == ""


def test_a_drop_of_three_below_the_median_of_earlier_forms_is_a_concern():
    # The median, so the one bad week (5) in the history does not lower "usual".
    concern = concern_of(ratings(4, 4, 3), [15, 15, 14, 5])
    assert concern.kind == "drop"
    assert concern.detail == "Total 11/15, below their usual 14.5/15"
    assert concern_of(ratings(4, 4, 4), [15, 15, 14, 5]).kind == ""


def test_a_drop_of_two_is_not():
    assert concern_of(ratings(5, 4, 4), [15, 15, 15]).kind == ""


def test_no_drop_is_judged_before_three_earlier_forms():
    assert concern_of(ratings(3, 3, 3), [15, 15]).kind == ""
    assert concern_of(ratings(3, 3, 3), [15, 15, 15]).kind == "drop"
