"""PHQ-2: the first two PHQ-9 items (low interest, low mood), 0-6; 3 or more is a positive
screen that calls for the full PHQ-9 (Kroenke, Spitzer and Williams 2003)."""

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
from caseload.measures.instruments.phq9 import INSTRUMENT as PHQ9
from caseload.measures.result import Flag, Score

POSITIVE_AT = 3

INSTRUMENT = Instrument(
    code="phq2",
    name="PHQ-2",
    title="Patient Health Questionnaire (2 items)",
    instructions=PHQ9.instructions,
    items=items(
        [item.text for item in PHQ9.items[:2]],
        NOT_AT_ALL_TO_NEARLY_EVERY_DAY,
        [item.loinc for item in PHQ9.items[:2]],
    ),
    min_total=0,
    max_total=6,
    bands=(
        Band("negative", "Negative screen", 0, 2),
        Band("positive", "Positive screen", 3, 6),
    ),
    loinc_panel="55757-9",
    loinc_total="55758-7",
    licence=PHQ9.licence,
    citation=(
        "Kroenke K, Spitzer RL, Williams JBW. The Patient Health Questionnaire-2: validity "
        "of a two-item depression screener. Med Care 2003;41(11):1284-1292."
    ),
    missing_rule=(
        "Not prorated: with two items, one missing answer leaves half the screen unknown, "
        "so both must be answered."
    ),
)

_MEANINGS = {
    "negative": "Scores like this usually mean low mood is not getting in the way much.",
    "positive": (
        "Scores like this can mean low mood is getting in the way. A few more questions "
        "can help show more."
    ),
}


def rule(instrument: Instrument, answers: Answers, context: Context) -> Score:
    total = sum(all_answered(instrument, answers))
    flags: tuple[Flag, ...] = ()
    if total >= POSITIVE_AT:
        flags = (
            screen_flag(
                f"{instrument.name} total {total} is 3 or more: a positive screen; "
                "follow with the PHQ-9"
            ),
        )
    return banded_score(instrument, total, _MEANINGS, flags=flags)
