"""Kessler Psychological Distress Scale (K10): ten questions about the last 30 days, 1-5
each, total 10-50, with the Australian bands (Andrews and Slade 2001, as used by the
Australian Bureau of Statistics): 10-15 low, 16-21 moderate, 22-29 high, 30-50 very high."""

from caseload.measures.instruments.base import Band, Instrument, Option
from caseload.measures.instruments.common import (
    Answers,
    Context,
    all_answered,
    banded_score,
    items,
)
from caseload.measures.result import Score

_OPTIONS = (
    Option(1, "None of the time"),
    Option(2, "A little of the time"),
    Option(3, "Some of the time"),
    Option(4, "Most of the time"),
    Option(5, "All of the time"),
)
_TEXTS = (
    "About how often did you feel tired out for no good reason?",
    "About how often did you feel nervous?",
    "About how often did you feel so nervous that nothing could calm you down?",
    "About how often did you feel hopeless?",
    "About how often did you feel restless or fidgety?",
    "About how often did you feel so restless you could not sit still?",
    "About how often did you feel depressed?",
    "About how often did you feel that everything was an effort?",
    "About how often did you feel so sad that nothing could cheer you up?",
    "About how often did you feel worthless?",
)
# Kessler's interview skips: "None of the time" to question 2 (nervous) skips question 3,
# and to question 5 (restless) skips question 6; the skipped question scores 1 ("None of
# the time"), since being so nervous (restless) implies being nervous (restless) at all.
SKIPS = {3: 2, 6: 5}
NONE_OF_THE_TIME = 1

INSTRUMENT = Instrument(
    code="k10",
    name="K10",
    title="Kessler Psychological Distress Scale (10 items)",
    instructions=(
        "These questions concern how you have been feeling over the past 30 days. Choose "
        "the answer that best represents how you have been."
    ),
    items=items(_TEXTS, _OPTIONS),
    min_total=10,
    max_total=50,
    bands=(
        Band("low", "Low distress", 10, 15),
        Band("moderate", "Moderate distress", 16, 21),
        Band("high", "High distress", 22, 29),
        Band("very_high", "Very high distress", 30, 50),
    ),
    licence="Free to use. Copyright Ronald C. Kessler, Harvard Medical School.",
    citation=(
        "Kessler RC, Andrews G, Colpe LJ, et al. Short screening scales to monitor population "
        "prevalences and trends in non-specific psychological distress. Psychol Med "
        "2002;32(6):959-976. Bands: Andrews G, Slade T. Interpreting scores on the Kessler "
        "Psychological Distress Scale (K10). Aust N Z J Public Health 2001;25(6):494-497."
    ),
    missing_rule=(
        "Not prorated: every item is needed, except that question 3 may be left out when "
        "question 2 is 'None of the time', and question 6 when question 5 is, as the K10 "
        "interview skips them; a skipped question then scores 1 ('None of the time')."
    ),
)

_MEANINGS = {
    "low": "Scores like this usually mean stress and worry are not getting in the way much.",
    "moderate": "Scores like this often mean you have been under some strain.",
    "high": "Scores like this often mean you have been under a lot of strain.",
    "very_high": "Scores like this often mean things have been very hard lately.",
}


def rule(instrument: Instrument, answers: Answers, context: Context) -> Score:
    filled = list(answers)
    for skipped, gate in SKIPS.items():
        if filled[skipped - 1] is None and filled[gate - 1] == NONE_OF_THE_TIME:
            filled[skipped - 1] = NONE_OF_THE_TIME
    given = all_answered(instrument, filled)
    note = "Skipped questions scored 1, as the K10 skips them." if filled != list(answers) else ""
    return banded_score(instrument, sum(given), _MEANINGS, missing_note=note)
