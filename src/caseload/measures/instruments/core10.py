"""CORE-10: ten items from the CORE-OM about the last week, 0-4 each, total 0-40; items 2
and 3 are positively worded and reverse scored (Barkham et al. 2013). Item 6 is the risk
item. The form may be used only unchanged with its copyright line, so caseload ships the
scoring and structure and a practice loads the wording from the licensed folder.

Answers are the option chosen as numbered below (0 "Not at all" to 4 "Most or all of the
time"); for items 2 and 3 the score is 4 minus that. Bands: Barkham et al. 2013 / CORE
System Trust: healthy 0-5, low 6-10, mild 11-14, moderate 15-19, moderate-to-severe
20-24, severe 25-40.

Risk item 6: any answer above "Not at all" raises a risk flag; "Only occasionally" and
"Sometimes" (1-2) are moderate, "Often" and "Most or all of the time" (3-4) high, as the
CORE guidance asks for risk at any level to be followed up and frequent risk urgently."""

from caseload.measures.instruments.base import Band, Instrument, Item, Option
from caseload.measures.instruments.common import (
    Answers,
    Context,
    banded_score,
    prorated_sum,
    risk_flag,
    unanswered_risk_flag,
)
from caseload.measures.result import Flag, Score

RISK_ITEM = 6
RISK_ABOUT = "the risk item: plans to end life"
REVERSED = (2, 3)
TOP = 4
HIGH_FROM = 3
# CORE-10 guidance: prorate with one item missing (mean of the nine x 10); more, not scored.
MAX_MISSING = 1

_OPTIONS = (
    Option(0, "Not at all"),
    Option(1, "Only occasionally"),
    Option(2, "Sometimes"),
    Option(3, "Often"),
    Option(4, "Most or all of the time"),
)

INSTRUMENT = Instrument(
    code="core10",
    name="CORE-10",
    title="Clinical Outcomes in Routine Evaluation (10 items)",
    instructions="Over the last week... (wording loaded from the practice's licensed file)",
    items=tuple(
        Item(
            n,
            "",
            _OPTIONS,
            reverse=n in REVERSED,
            risk=n == RISK_ITEM,
            about=RISK_ABOUT if n == RISK_ITEM else "",
        )
        for n in range(1, 11)
    ),
    min_total=0,
    max_total=40,
    bands=(
        Band("healthy", "Healthy", 0, 5),
        Band("low", "Low level", 6, 10),
        Band("mild", "Mild", 11, 14),
        Band("moderate", "Moderate", 15, 19),
        Band("moderate_severe", "Moderate to severe", 20, 24),
        Band("severe", "Severe", 25, 40),
    ),
    wording_shipped=False,
    licence=(
        "Copyright CORE System Trust. May be copied only unchanged, with the copyright "
        "line, and not sold; caseload ships scoring only, the practice loads the form."
    ),
    citation=(
        "Barkham M, Bewick B, Mullin T, et al. The CORE-10: a short measure of psychological "
        "distress for routine use in the psychological therapies. Couns Psychother Res "
        "2013;13(1):3-13."
    ),
    missing_rule=(
        "With 1 item unanswered the total is prorated (mean of the nine answered item "
        "scores x 10, rounded half up); with 2 or more it is not scored (CORE-10 guidance). "
        "An unanswered item 6 is reported to the clinician to ask in person."
    ),
)

_MEANINGS = {
    "healthy": "Scores like this usually mean distress is not getting in the way much.",
    "low": "Scores like this often mean a little distress some of the time.",
    "mild": "Scores like this often mean distress is there some of the time.",
    "moderate": "Scores like this often mean distress is getting in the way of daily life.",
    "moderate_severe": "Scores like this often mean distress is making a lot of life hard.",
    "severe": "Scores like this often mean distress is making most of life very hard.",
}


def item_scores(answers: Answers) -> list[int | None]:
    """Answers as item scores: items 2 and 3 reversed (4 - answer); None stays None."""
    return [
        None if value is None else TOP - value if number in REVERSED else value
        for number, value in enumerate(answers, start=1)
    ]


def rule(instrument: Instrument, answers: Answers, context: Context) -> Score:
    scores = item_scores(answers)
    total, prorated, note = prorated_sum(instrument, scores, range(1, 11), MAX_MISSING)
    return banded_score(
        instrument,
        total,
        _MEANINGS,
        flags=risk_flags(instrument, answers),
        prorated=prorated,
        missing_note=note,
    )


def risk_flags(instrument: Instrument, answers: Answers) -> tuple[Flag, ...]:
    value = answers[RISK_ITEM - 1]
    item = instrument.items[RISK_ITEM - 1]
    if value is None:
        return (unanswered_risk_flag(instrument, item),)
    if value == 0:
        return ()
    severity = "high" if value >= HIGH_FROM else "moderate"
    return (risk_flag(instrument, item, value, severity, RISK_ABOUT),)
