"""Change over time: the Jacobson and Truax statistics and the NHS Talking Therapies
categories for a result against the client's baseline. Pure functions, no Django.

Jacobson NS, Truax P. Clinical significance: a statistical approach to defining meaningful
change in psychotherapy research. J Consult Clin Psychol 1991;59(1):12-19.
NHS England. NHS Talking Therapies for anxiety and depression manual (v7, 2024), the
definitions of recovery, reliable improvement, reliable recovery and reliable deterioration.
"""

import math
from dataclasses import dataclass

Z_RELIABLE = 1.96  # Jacobson and Truax: |RC| above 1.96 is unlikely (p < .05) to be noise

NHS_TT = (
    "NHS England, NHS Talking Therapies for anxiety and depression manual (2024): "
    "reliable change and caseness thresholds"
)
TOPP = (
    "Topp CW, Ostergaard SD, Sondergaard S, Bech P. The WHO-5 Well-Being Index: a "
    "systematic review of the literature. Psychother Psychosom 2015;84(3):167-176"
)
BARKHAM = (
    "Barkham M, Bewick B, Mullin T, et al. The CORE-10: a short measure of psychological "
    "distress for routine use in the psychological therapies. Couns Psychother Res "
    "2013;13(1):3-13"
)
NCPTSD = (
    "Weathers FW, Litz BT, Keane TM, et al. The PTSD Checklist for DSM-5 (PCL-5), National "
    "Center for PTSD, 2013 (scoring guidance: cut-point 33; 5 points the minimum response, "
    "10 points clinically meaningful, carried over from the PCL for DSM-IV and preliminary "
    "for the PCL-5); Bovin MJ, et al. Psychol Assess 2016;28(11):1379-1391"
)


@dataclass(frozen=True)
class Cited:
    value: float
    citation: str


@dataclass(frozen=True)
class Norms:
    """What the change statistics of one instrument rest on. `reliable_change` is a
    service convention in score points (a change of at least this much is reliable);
    without one, the threshold comes from `sd1` and `reliability` by Jacobson and Truax.
    `caseness`: a case at or above it (at or below it when higher is better)."""

    code: str
    caseness: Cited | None
    reliable_change: Cited | None = None
    sd1: Cited | None = None
    reliability: Cited | None = None
    higher_is_worse: bool = True

    @property
    def reliable_threshold(self) -> float:
        """The smallest change in points that counts as reliable."""
        if self.reliable_change is not None:
            return self.reliable_change.value
        return Z_RELIABLE * standard_error_of_difference(self.sd1.value, self.reliability.value)


@dataclass(frozen=True)
class Change:
    category: str  # one of CATEGORIES
    rci: float | None  # Jacobson-Truax RC when the SD and reliability are known, else None
    reliable_threshold: float  # points
    off_track: bool  # True for reliable deterioration: shown on the caseload page
    label: str  # plain words for the clinician
    difference: float  # current - baseline, in score points
    baseline_case: bool | None
    current_case: bool | None


CATEGORIES = (
    "reliable_deterioration",
    "no_reliable_change",
    "reliable_improvement",
    "recovery",
    "reliable_recovery",
)

_LABELS = {
    "reliable_deterioration": "Reliably worse than at the start",
    "no_reliable_change": "No reliable change since the start",
    "reliable_improvement": "Reliably better than at the start",
    "recovery": "Moved below the clinical cut-off (recovery), though not by a reliable margin",
    "reliable_recovery": "Reliably better and now below the clinical cut-off (reliable recovery)",
}

_NORMS = {
    "phq9": Norms(
        code="phq9",
        caseness=Cited(10, NHS_TT + ": PHQ-9 caseness at 10 or more"),
        reliable_change=Cited(6, NHS_TT + ": PHQ-9 reliable change is 6 points or more"),
    ),
    "gad7": Norms(
        code="gad7",
        caseness=Cited(8, NHS_TT + ": GAD-7 caseness at 8 or more"),
        reliable_change=Cited(4, NHS_TT + ": GAD-7 reliable change is 4 points or more"),
    ),
    "who5": Norms(
        code="who5",
        caseness=Cited(50, TOPP + ": 50 or below (0-100) suggests poor wellbeing"),
        reliable_change=Cited(10, TOPP + ": a 10-point (10%) change is meaningful"),
        higher_is_worse=False,
    ),
    "core10": Norms(
        code="core10",
        caseness=Cited(11, BARKHAM + ": clinical cut-off 11"),
        reliable_change=Cited(6, BARKHAM + ": reliable change index 6 points"),
    ),
    "pcl5": Norms(
        code="pcl5",
        caseness=Cited(33, NCPTSD + ": probable PTSD at 33 or more"),
        reliable_change=Cited(10, NCPTSD + ": 10 points, the clinically meaningful change"),
    ),
}


def standard_error_of_difference(sd1: float, r: float) -> float:
    """S_diff = SD1 x sqrt(2) x sqrt(1 - r) (Jacobson and Truax 1991)."""
    if sd1 <= 0:
        raise ValueError(f"the standard deviation must be above 0, not {sd1}")
    if not 0 <= r < 1:
        raise ValueError(f"the reliability must be at least 0 and below 1, not {r}")
    return sd1 * math.sqrt(2) * math.sqrt(1 - r)


def reliable_change_index(x1: float, x2: float, sd1: float, r: float) -> float:
    """RC = (x2 - x1) / (SD1 x sqrt(2) x sqrt(1 - r)); reliable when |RC| > 1.96."""
    return (x2 - x1) / standard_error_of_difference(sd1, r)


def clinical_cutoff(m_clin: float, sd_clin: float, m_norm: float, sd_norm: float) -> float:
    """Jacobson and Truax criterion c: the point between the clinical and the normal
    population, weighted by their spreads: (SD_clin x M_norm + SD_norm x M_clin) /
    (SD_clin + SD_norm)."""
    if sd_clin <= 0 or sd_norm <= 0:
        raise ValueError("both standard deviations must be above 0")
    return (sd_clin * m_norm + sd_norm * m_clin) / (sd_clin + sd_norm)


def norms(code: str) -> Norms | None:
    """The change norms for an instrument, or None when caseload has none for it."""
    return _NORMS.get(code)


def caseness(code: str, score: float) -> bool | None:
    """Whether a score is a case, or None when the instrument has no caseness cut-off."""
    found = norms(code)
    if found is None or found.caseness is None:
        return None
    if found.higher_is_worse:
        return score >= found.caseness.value
    return score <= found.caseness.value


def classify(code: str, baseline: float, current: float) -> Change:
    """A result against the baseline, by the NHS Talking Therapies definitions. ValueError
    when the instrument has no change norms (check `norms(code)` first)."""
    found = norms(code)
    if found is None:
        raise ValueError(f"caseload has no change norms for {code!r}")
    difference = current - baseline
    improved, worsened = _reliable_moves(found, difference)
    baseline_case, current_case = caseness(code, baseline), caseness(code, current)
    category = _category(improved, worsened, baseline_case is True and current_case is False)
    return Change(
        category=category,
        rci=_rci(found, baseline, current),
        reliable_threshold=found.reliable_threshold,
        off_track=category == "reliable_deterioration",
        label=_LABELS[category],
        difference=difference,
        baseline_case=baseline_case,
        current_case=current_case,
    )


def _reliable_moves(found: Norms, difference: float) -> tuple[bool, bool]:
    """(reliably improved, reliably worsened), with the direction of the instrument."""
    towards_better = -difference if found.higher_is_worse else difference
    if found.reliable_change is not None:
        # The service conventions are "a change of N points or more".
        reliable = abs(difference) >= found.reliable_change.value
    else:
        reliable = (
            abs(difference)
            / standard_error_of_difference(found.sd1.value, found.reliability.value)
            > Z_RELIABLE
        )
    return reliable and towards_better > 0, reliable and towards_better < 0


def _category(improved: bool, worsened: bool, recovered: bool) -> str:
    """NHS Talking Therapies: recovery is a case at the start and not at the end; with a
    reliable improvement as well it is reliable recovery."""
    if recovered:
        return "reliable_recovery" if improved else "recovery"
    if improved:
        return "reliable_improvement"
    if worsened:
        return "reliable_deterioration"
    return "no_reliable_change"


def _rci(found: Norms, baseline: float, current: float) -> float | None:
    if found.sd1 is None or found.reliability is None:
        return None
    return reliable_change_index(baseline, current, found.sd1.value, found.reliability.value)
