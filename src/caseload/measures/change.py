"""Change over time: the Jacobson and Truax statistics and the NHS Talking Therapies
categories for a result against the client's baseline. Pure functions, no Django.

Two figures are kept apart, and only the first is ever called "reliable":
- the reliable-change threshold: a change this large is unlikely (p < .05) to be
  measurement error. It is the service convention where there is one (NHS Talking
  Therapies for PHQ-9 and GAD-7), else Jacobson-Truax from a published SD and reliability:
  1.96 x SD x sqrt(2) x sqrt(1 - r). An instrument without both has no threshold, and no
  result on it is called reliably better or worse. Where an instrument has a service
  convention and also a published SD and r (PHQ-9), the convention classifies and the
  stored RCI is still the Jacobson-Truax one;
- the clinically meaningful change: a change the literature calls meaningful to people
  (PCL-5 10 points, WHO-5 10 points). It may be smaller than the reliable change, and is
  then labelled "clinically meaningful ... (not reliable)".

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
CORE10_MANUAL = (
    "Connell J, Barkham M. CORE-10 User Manual, version 1.0. CORE System Trust, 2007: "
    "normative data, primary care counselling sample (n = 1835, mean 19.7)"
)
NCPTSD = (
    "Weathers FW, Litz BT, Keane TM, et al. The PTSD Checklist for DSM-5 (PCL-5), National "
    "Center for PTSD, 2013 (scoring guidance: cut-point 33; 5 points the minimum response, "
    "10 points clinically meaningful, carried over from the PCL for DSM-IV and preliminary "
    "for the PCL-5); Bovin MJ, et al. Psychol Assess 2016;28(11):1379-1391"
)
JAD_2020_PCL5 = (
    "J Affect Disord 2020;277:368-374, doi:10.1016/j.jad.2020.08.038 (PMC7443209), "
    "table 3 'Normative data for the PCL-5': M 38.81, SD 12.40, Cronbach's alpha 0.91"
)
BLEVINS_2015 = (
    "Blevins CA, Weathers FW, Davis MT, Witte TK, Domino JL. The Posttraumatic Stress "
    "Disorder Checklist for DSM-5 (PCL-5): development and initial psychometric evaluation. "
    "J Trauma Stress 2015;28(6):489-498 (study 1, n = 278): test-retest r = .82"
)
SAIPANISH = (
    "Saipanish R, Lotrakul M, Sumrithe S. Reliability and validity of the Thai version of "
    "the WHO-Five Well-Being Index in primary care patients. Psychiatry Clin Neurosci "
    "2009;63(2):141-146 (n = 274 primary care patients, Bangkok): raw mean 14.32, SD 5.26, "
    "Cronbach's alpha 0.87"
)
REPROD_HEALTH_2019 = (
    "Maroufizadeh S, Omani-Samani R, Almasi-Hashiani A, Amini P, Sepidarkish M. The "
    "reliability and validity of the PHQ-9 and PHQ-2 in patients with infertility. Reprod "
    "Health 2019;16:137 (n = 539 patients of an infertility clinic, Tehran): PHQ-9 total "
    "M 8.47, SD 6.17, Cronbach's alpha 0.851"
)


@dataclass(frozen=True)
class Cited:
    value: float
    citation: str


@dataclass(frozen=True)
class Norms:
    """What the change statistics of one instrument rest on.

    `reliable_change`: a service convention in score points (a change of at least this
    much is reliable). Without one, the threshold comes from `sd1` and `reliability` by
    Jacobson and Truax; with neither, the instrument has no reliable-change threshold.
    `meaningful_change`: the clinically meaningful change in points (at least this much),
    never called reliable. `caseness`: a case at or above it (at or below it when higher
    is better)."""

    code: str
    caseness: Cited | None
    reliable_change: Cited | None = None
    sd1: Cited | None = None
    reliability: Cited | None = None
    meaningful_change: Cited | None = None
    higher_is_worse: bool = True

    @property
    def reliable_threshold(self) -> float | None:
        """The reliable-change threshold in points, or None when caseload has none."""
        if self.reliable_change is not None:
            return self.reliable_change.value
        return self.jacobson_truax_threshold

    @property
    def meaningful_threshold(self) -> float | None:
        return None if self.meaningful_change is None else self.meaningful_change.value

    def is_reliable(self, difference: float) -> bool:
        """Whether a change of `difference` points (either way) is reliable."""
        if self.reliable_change is not None:
            # The service conventions are "a change of N points or more".
            return abs(difference) >= self.reliable_change.value
        if self.sd1 is None or self.reliability is None:
            return False
        rc = reliable_change_index(0, difference, self.sd1.value, self.reliability.value)
        return abs(rc) > Z_RELIABLE

    @property
    def jacobson_truax_threshold(self) -> float | None:
        """1.96 x SD x sqrt(2) x sqrt(1 - r) from the cited SD and r, whatever classifies:
        for PHQ-9 it stands beside the NHS convention and is shown, never used to
        classify. None without both figures."""
        if self.sd1 is None or self.reliability is None:
            return None
        return Z_RELIABLE * standard_error_of_difference(self.sd1.value, self.reliability.value)

    def reliable_needs(self) -> str:
        """The reliable-change threshold in words: "6 or more", "more than 6.7"."""
        if self.reliable_change is not None:
            return f"{self.reliable_change.value:g} or more"
        threshold = self.reliable_threshold
        if threshold is None:
            return ""
        return f"more than {threshold:.1f}"


@dataclass(frozen=True)
class Change:
    category: str  # one of CATEGORIES
    rci: float | None  # Jacobson-Truax RC when the SD and reliability are known, else None
    reliable_threshold: float | None  # points; None: no reliable-change figure
    meaningful_threshold: float | None  # points; None: no clinically meaningful figure
    off_track: bool  # True for reliable deterioration: shown on the caseload page
    label: str  # plain words for the clinician, with the change and what reliable needs
    difference: float  # current - baseline, in score points
    baseline_case: bool | None
    current_case: bool | None


CATEGORIES = (
    "reliable_deterioration",
    "meaningful_deterioration",
    "no_reliable_change",
    "no_meaningful_change",
    "meaningful_improvement",
    "reliable_improvement",
    "recovery",
    "reliable_recovery",
)
# Only these say "reliable"; each needs the change to pass the reliable-change threshold.
RELIABLE_CATEGORIES = ("reliable_deterioration", "reliable_improvement", "reliable_recovery")
NO_FIGURE = "no reliable-change figure for this measure"

_NORMS = {
    "phq9": Norms(
        code="phq9",
        caseness=Cited(10, NHS_TT + ": PHQ-9 caseness at 10 or more"),
        reliable_change=Cited(6, NHS_TT + ": PHQ-9 reliable change is 6 points or more"),
        # Classification keeps the NHS convention; these give the stored Jacobson-Truax RCI
        # (and its 6.6-point threshold, shown beside the convention in the docs). SD and
        # alpha from one sample of clinic patients (not a mental health service).
        sd1=Cited(6.17, REPROD_HEALTH_2019 + ": SD 6.17"),
        reliability=Cited(0.851, REPROD_HEALTH_2019 + ": Cronbach's alpha 0.851"),
    ),
    "gad7": Norms(
        code="gad7",
        caseness=Cited(8, NHS_TT + ": GAD-7 caseness at 8 or more"),
        reliable_change=Cited(4, NHS_TT + ": GAD-7 reliable change is 4 points or more"),
        # No SD: caseload found no published GAD-7 SD for a clinical sample it could check
        # (docs/measures-instruments.md), so the GAD-7 stores no RCI.
    ),
    "who5": Norms(
        code="who5",
        caseness=Cited(50, TOPP + ": 50 or below (0-100) suggests poor wellbeing"),
        # The published SD is of the raw 0-25 score; caseload's total is raw x 4.
        sd1=Cited(5.26 * 4, SAIPANISH + ": raw SD 5.26, x 4 on the 0-100 scale"),
        reliability=Cited(0.87, SAIPANISH + ": Cronbach's alpha 0.87"),
        meaningful_change=Cited(10, TOPP + ": a 10-point (10%) change is clinically relevant"),
        higher_is_worse=False,
    ),
    "core10": Norms(
        code="core10",
        caseness=Cited(11, BARKHAM + ": clinical cut-off 11"),
        sd1=Cited(7.7, CORE10_MANUAL + ", SD 7.7"),
        reliability=Cited(0.90, BARKHAM + ": internal reliability (alpha) .90"),
    ),
    "pcl5": Norms(
        code="pcl5",
        caseness=Cited(33, NCPTSD + ": probable PTSD at 33 or more"),
        # The SD of a sample above the cut-point (mean 38.81; the table does not name its
        # sample) with Blevins et al.'s test-retest reliability, not that sample's alpha
        # (.91, a threshold of 10.3): the stability of a score over time is what reliable
        # change asks about, and .82 gives the larger, more cautious threshold (14.6), in
        # the 15-18 points usually cited for the PCL-5.
        sd1=Cited(12.40, JAD_2020_PCL5 + ": SD 12.40"),
        reliability=Cited(0.82, BLEVINS_2015 + ": test-retest r = .82"),
        meaningful_change=Cited(10, NCPTSD + ": 10 points, the clinically meaningful change"),
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
    """A result against the baseline, by the NHS Talking Therapies definitions, with the
    clinically meaningful change kept apart from the reliable one. ValueError when the
    instrument has no change norms (check `norms(code)` first)."""
    found = norms(code)
    if found is None:
        raise ValueError(f"caseload has no change norms for {code!r}")
    difference = current - baseline
    baseline_case, current_case = caseness(code, baseline), caseness(code, current)
    category = _category(found, difference, baseline_case is True and current_case is False)
    return Change(
        category=category,
        rci=_rci(found, baseline, current),
        reliable_threshold=found.reliable_threshold,
        meaningful_threshold=found.meaningful_threshold,
        off_track=category == "reliable_deterioration",
        label=label(category, found, difference),
        difference=difference,
        baseline_case=baseline_case,
        current_case=current_case,
    )


def stored_fields(code: str, baseline: float, current: float) -> tuple[str, str, float | None]:
    """(category, label, rci) as a stored result keeps them: empty when the instrument has
    no change norms."""
    if norms(code) is None:
        return "", "", None
    result = classify(code, baseline, current)
    return result.category, result.label, result.rci


def _towards_better(found: Norms, difference: float) -> float:
    return -difference if found.higher_is_worse else difference


def _category(found: Norms, difference: float, recovered: bool) -> str:
    """NHS Talking Therapies: recovery is a case at the start and not at the end; with a
    reliable improvement as well it is reliable recovery. Below the reliable threshold, a
    change of at least the clinically meaningful figure is named as such."""
    better = _towards_better(found, difference)
    reliable = found.is_reliable(difference)
    meaningful = found.meaningful_threshold is not None and abs(difference) >= (
        found.meaningful_threshold
    )
    if recovered:
        return "reliable_recovery" if reliable and better > 0 else "recovery"
    if reliable:
        return "reliable_improvement" if better > 0 else "reliable_deterioration"
    if meaningful and better != 0:
        return "meaningful_improvement" if better > 0 else "meaningful_deterioration"
    if found.reliable_threshold is None:
        return "no_meaningful_change"
    return "no_reliable_change"


def label(category: str, found: Norms, difference: float) -> str:
    """The words shown for a category wherever the change is shown: what happened, the
    change in points, and what a reliable change needs (or that there is no figure)."""
    changed = f"change of {_signed(difference)}"
    if found.reliable_threshold is None:
        numbers = f"{changed}; {NO_FIGURE}"
    else:
        numbers = f"{changed}, reliable change needs {found.reliable_needs()}"
    words = {
        "reliable_deterioration": f"Reliably worse ({numbers})",
        "reliable_improvement": f"Reliably better ({numbers})",
        "reliable_recovery": f"Reliably better and out of the clinical range ({numbers})",
        "recovery": f"Out of the clinical range (recovery), but no reliable change ({numbers})",
        "meaningful_improvement": f"Clinically meaningful improvement (not reliable: {numbers})",
        "meaningful_deterioration": f"Clinically meaningful worsening (not reliable: {numbers})",
        "no_reliable_change": f"No reliable change ({numbers})",
        "no_meaningful_change": f"No clinically meaningful change ({numbers})",
    }
    if found.reliable_threshold is None:
        # Without a reliable-change figure nothing can be "not reliable" either.
        words["recovery"] = f"Out of the clinical range (recovery; {numbers})"
        words["meaningful_improvement"] = f"Clinically meaningful improvement ({numbers})"
        words["meaningful_deterioration"] = f"Clinically meaningful worsening ({numbers})"
    return words[category]


def _signed(difference: float) -> str:
    return f"{difference:+g}" if difference else "0"


def _rci(found: Norms, baseline: float, current: float) -> float | None:
    if found.sd1 is None or found.reliability is None:
        return None
    return reliable_change_index(baseline, current, found.sd1.value, found.reliability.value)
