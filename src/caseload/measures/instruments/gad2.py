"""GAD-2: the first two GAD-7 items, 0-6; 3 or more is a positive screen that calls for the
full GAD-7 (Kroenke et al. 2007)."""

from caseload.measures.instruments.base import Band, Instrument
from caseload.measures.instruments.common import (
    NOT_AT_ALL_TO_NEARLY_EVERY_DAY,
    Answers,
    Context,
    all_answered,
    banded_score,
    items,
    screen_flag,
)
from caseload.measures.instruments.gad7 import INSTRUMENT as GAD7
from caseload.measures.result import Flag, Score

POSITIVE_AT = 3

INSTRUMENT = Instrument(
    code="gad2",
    name="GAD-2",
    title="Generalized Anxiety Disorder scale (2 items)",
    instructions=GAD7.instructions,
    items=items(
        [item.text for item in GAD7.items[:2]],
        NOT_AT_ALL_TO_NEARLY_EVERY_DAY,
        [item.loinc for item in GAD7.items[:2]],
    ),
    min_total=0,
    max_total=6,
    bands=(
        Band("negative", "Negative screen", 0, 2),
        Band("positive", "Positive screen", 3, 6),
    ),
    licence=GAD7.licence,
    citation=(
        "Kroenke K, Spitzer RL, Williams JBW, Monahan PO, Lowe B. Anxiety disorders in "
        "primary care: prevalence, impairment, comorbidity, and detection. Ann Intern Med "
        "2007;146(5):317-325."
    ),
    missing_rule=(
        "Not prorated: with two items, one missing answer leaves half the screen unknown, "
        "so both must be answered."
    ),
)

_MEANINGS = {
    "negative": "Scores like this usually mean worry is not getting in the way much.",
    "positive": (
        "Scores like this can mean worry is getting in the way. A few more questions can "
        "help show more."
    ),
}


def rule(instrument: Instrument, answers: Answers, context: Context) -> Score:
    total = sum(all_answered(instrument, answers))
    flags: tuple[Flag, ...] = ()
    if total >= POSITIVE_AT:
        flags = (
            screen_flag(
                f"{instrument.name} total {total} is 3 or more: a positive screen; "
                "follow with the GAD-7"
            ),
        )
    return banded_score(instrument, total, _MEANINGS, flags=flags)
