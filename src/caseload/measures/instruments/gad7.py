"""GAD-7: seven anxiety symptoms, each 0-3 over the last two weeks; an eighth item (how
difficult the problems made life) is recorded and not scored. Spitzer et al. 2006."""

from dataclasses import replace

from caseload.measures.instruments.base import Band, Instrument
from caseload.measures.instruments.common import (
    NOT_AT_ALL_TO_NEARLY_EVERY_DAY,
    Answers,
    Context,
    banded_score,
    items,
    prorated_sum,
)
from caseload.measures.instruments.phq9 import INSTRUMENT as PHQ9
from caseload.measures.result import Score

SCORED = range(1, 8)
# One of the seven may be missing: the proportion PHQ-9's rule allows (no more than about
# one item in five) gives one item for a seven-item scale. A service choice, documented
# in docs/measures-instruments.md; the GAD-7 authors publish no prorating rule.
MAX_MISSING = 1

_TEXTS = (
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid, as if something awful might happen",
)
_LOINC = ("69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7")

INSTRUMENT = Instrument(
    code="gad7",
    name="GAD-7",
    title="Generalized Anxiety Disorder scale (7 items)",
    instructions=PHQ9.instructions,
    items=items(_TEXTS, NOT_AT_ALL_TO_NEARLY_EVERY_DAY, _LOINC)
    + (replace(PHQ9.items[9], number=8),),
    min_total=0,
    max_total=21,
    bands=(
        Band("minimal", "Minimal", 0, 4),
        Band("mild", "Mild", 5, 9),
        Band("moderate", "Moderate", 10, 14),
        Band("severe", "Severe", 15, 21),
    ),
    loinc_panel="69737-5",
    loinc_total="70274-6",
    licence=PHQ9.licence,
    citation=(
        "Spitzer RL, Kroenke K, Williams JBW, Lowe B. A brief measure for assessing "
        "generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092-1097."
    ),
    missing_rule=(
        "Items 1-7: with 1 unanswered the total is prorated (mean of the answered items x 7, "
        "rounded half up); with 2 or more it is not scored. Service rule, by the same "
        "proportion as PHQ-9's (the GAD-7 authors publish none). Item 8 is optional."
    ),
)

_MEANINGS = {
    "minimal": "Scores like this usually mean worry is not getting in the way much.",
    "mild": "Scores like this often mean worry or nerves are there some of the time.",
    "moderate": "Scores like this often mean worry is getting in the way of daily life.",
    "severe": "Scores like this often mean worry is making a lot of daily life hard.",
}


def rule(instrument: Instrument, answers: Answers, context: Context) -> Score:
    total, prorated, note = prorated_sum(instrument, answers, SCORED, MAX_MISSING)
    return banded_score(instrument, total, _MEANINGS, prorated=prorated, missing_note=note)
