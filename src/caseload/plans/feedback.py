"""When session feedback should reach the clinician before the next session. Pure, so
the rule is easy to read and to test.

The form is our own, not a validated instrument: three statements rated 1 to 5
(1 = not at all, 5 = completely). Two things make a form a concern:

- a low rating: any of the three statements rated 2 or lower;
- a drop from the client's usual: the form's total (3 to 15) is at least DROP_POINTS
  below the median total of their earlier forms, once there are MIN_HISTORY of them.
  The median, not the mean, so one bad week in the history does not move "usual".
"""

from dataclasses import dataclass
from statistics import median

from django.utils.translation import gettext_lazy as _

LOWEST, HIGHEST = 1, 5
LOW_AT_OR_BELOW = 2
DROP_POINTS = 3
MIN_HISTORY = 3

STATEMENTS = {
    "heard": _("I felt heard and understood."),
    "focus": _("We worked on what I wanted to work on."),
    "approach": _("The approach suits me."),
}

SCALE = {
    1: _("Not at all"),
    2: _("A little"),
    3: _("Somewhat"),
    4: _("Mostly"),
    5: _("Completely"),
}


# A comment that matched risk language (safety/screening_alerts.py raised an alert).
RISK = "risk"
RISK_DETAIL = _("The comment matched risk language; a safety alert was raised")


@dataclass(frozen=True)
class Concern:
    kind: str  # "", "low", "drop" (or RISK, set when the comment is screened)
    detail: str


NO_CONCERN = Concern("", "")


def concern_of(ratings: dict[str, int], previous_totals: list[int]) -> Concern:
    """Whether a form with `ratings` (statement -> 1..5) is a concern, given the totals
    of the client's earlier forms."""
    low = [name for name in STATEMENTS if ratings[name] <= LOW_AT_OR_BELOW]
    if low:
        statements = "; ".join(f"{STATEMENTS[name]} {ratings[name]}/5" for name in low)
        return Concern("low", str(_("Low rating: %(statements)s") % {"statements": statements}))
    if len(previous_totals) >= MIN_HISTORY:
        usual = median(previous_totals)
        total = sum(ratings[name] for name in STATEMENTS)
        if usual - total >= DROP_POINTS:
            return Concern(
                "drop",
                str(
                    _("Total %(total)s/15, below their usual %(usual)s/15")
                    % {"total": total, "usual": f"{usual:g}"}
                ),
            )
    return NO_CONCERN
