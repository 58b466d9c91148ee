"""Goal attainment scaling (GAS), free of Django so it can be tested exhaustively.

Each goal has five levels written when it is set, from -2 (much less than expected)
through 0 (the expected outcome) to +2 (much more than expected). At a review each goal
is rated on that scale, and the plan's attainment is summarised as a T-score by the
formula of Kiresuk and Sherman (1968):

    T = 50 + 10 * sum(w * x) / sqrt((1 - rho) * sum(w^2) + rho * (sum w)^2)

with x the rating, w the goal's weight and rho the assumed correlation between goals'
outcomes, conventionally 0.3. T is 50 when every goal is met as expected, above 50 when
goals are exceeded, below 50 when they fall short; its standard deviation is 10 when the
assumptions hold.
"""

import math
from collections.abc import Sequence

LEVELS = (-2, -1, 0, 1, 2)
RHO = 0.3

LEVEL_LABELS = {
    -2: "Much less than expected",
    -1: "Somewhat less than expected",
    0: "The expected outcome",
    1: "Somewhat more than expected",
    2: "Much more than expected",
}


class GasError(ValueError):
    """Ratings or weights that cannot give a T-score."""


def t_score(
    ratings: Sequence[int], weights: Sequence[float] | None = None, *, rho: float = RHO
) -> float:
    """The Kiresuk-Sherman T-score of `ratings` (each -2..+2), with equal weights unless
    `weights` (positive, one per rating) are given. Unrounded; round for display."""
    if not ratings:
        raise GasError("A T-score needs at least one rated goal.")
    if any(rating not in LEVELS for rating in ratings):
        raise GasError("Each rating is a whole number from -2 to +2.")
    if weights is None:
        weights = [1.0] * len(ratings)
    if len(weights) != len(ratings):
        raise GasError("Give one weight per rating.")
    if any(not math.isfinite(weight) or weight <= 0 for weight in weights):
        raise GasError("Weights are positive numbers.")
    if not 0 <= rho < 1:
        raise GasError("rho is at least 0 and less than 1.")
    weighted_sum = sum(w * x for w, x in zip(weights, ratings, strict=True))
    spread = math.sqrt((1 - rho) * sum(w * w for w in weights) + rho * sum(weights) ** 2)
    return 50 + 10 * weighted_sum / spread


def level_label(level: int) -> str:
    """'+2', '+1', '0', '-1', '-2', as GAS scales are written."""
    return f"{level:+d}" if level else "0"


def rounded(score: float) -> float:
    """Two decimals, as shown and stored."""
    return round(score, 2)
