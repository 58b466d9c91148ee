"""Answer sets for the measures tests (synthetic)."""

# PHQ-9: nine scored items then the difficulty item (recorded, not scored).
PHQ9_NO_RISK = [2, 2, 2, 2, 2, 2, 2, 2, 0, 1]  # total 16, item 9 "Not at all"
PHQ9_ITEM9_SEVERAL_DAYS = [0, 1, 1, 1, 0, 0, 1, 0, 1, None]  # total 5, item 9 = 1
PHQ9_OUT_OF_RANGE = [0, 1, 1, 7, 0, 0, 1, 0, 0, None]  # item 4 answered 7


def phq9_with_total(total: int) -> list:
    """A PHQ-9 answer set with item 9 at 0 and the given total (0-24)."""
    answers = [0] * 9
    remaining = total
    for index in range(8):
        answers[index] = min(3, remaining)
        remaining -= answers[index]
    assert remaining == 0, "at most 24 without item 9"
    return [*answers, 0]


def gad7_with_total(total: int) -> list:
    answers = [0] * 7
    remaining = total
    for index in range(7):
        answers[index] = min(3, remaining)
        remaining -= answers[index]
    assert remaining == 0
    return [*answers, 0]
