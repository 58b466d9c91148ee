"""PHQ-9: nine DSM-IV depression criteria, each 0-3 over the last two weeks; a tenth item
(how difficult the problems made life) is recorded and not scored. Kroenke, Spitzer and
Williams 2001; bands from the same paper."""

from dataclasses import replace

from caseload.measures.instruments.base import Band, Instrument, Item
from caseload.measures.instruments.common import (
    DIFFICULTY,
    NOT_AT_ALL_TO_NEARLY_EVERY_DAY,
    Answers,
    Context,
    banded_score,
    items,
    prorated_sum,
    risk_flag,
    unanswered_risk_flag,
)
from caseload.measures.result import Flag, Score

SCORED = range(1, 10)
RISK_ITEM = 9
RISK_ABOUT = "thoughts of death or self-harm"
# Up to two of the nine symptom items may be missing: the total is then the mean of the
# answered items times nine (Kroenke et al. 2010's scoring guidance for the PHQ scales).
MAX_MISSING = 2

_TEXTS = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself - or that you are a failure or have let yourself or your "
    "family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite - "
    "being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
)
_LOINC = (
    "44250-9",
    "44255-8",
    "44259-0",
    "44254-1",
    "44251-7",
    "44258-2",
    "44252-5",
    "44253-3",
    "44260-8",
)
_DIFFICULTY_ITEM = Item(
    10,
    "If you checked off any problems, how difficult have these problems made it for you to "
    "do your work, take care of things at home, or get along with other people?",
    DIFFICULTY,
    loinc="69722-7",
    scored=False,
)

INSTRUMENT = Instrument(
    code="phq9",
    name="PHQ-9",
    title="Patient Health Questionnaire (9 items)",
    instructions=(
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    ),
    items=tuple(
        replace(item, risk=True, about=RISK_ABOUT) if item.number == RISK_ITEM else item
        for item in items(_TEXTS, NOT_AT_ALL_TO_NEARLY_EVERY_DAY, _LOINC)
    )
    + (_DIFFICULTY_ITEM,),
    min_total=0,
    max_total=27,
    bands=(
        Band("minimal", "Minimal", 0, 4),
        Band("mild", "Mild", 5, 9),
        Band("moderate", "Moderate", 10, 14),
        Band("moderately_severe", "Moderately severe", 15, 19),
        Band("severe", "Severe", 20, 27),
    ),
    loinc_panel="44249-1",
    loinc_total="44261-6",
    licence=(
        "Free to use. Copyright Pfizer Inc.; no permission required to reproduce, "
        "translate, display or distribute."
    ),
    citation=(
        "Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression "
        "severity measure. J Gen Intern Med 2001;16(9):606-613."
    ),
    missing_rule=(
        "Items 1-9: with 1 or 2 unanswered the total is prorated (mean of the answered "
        "items x 9, rounded half up); with 3 or more it is not scored (Kroenke K, Spitzer RL, "
        "Williams JBW, Lowe B. Gen Hosp Psychiatry 2010;32:345-359). Item 10 (difficulty) "
        "is optional. An unanswered item 9 is reported to the clinician to ask in person."
    ),
)

_MEANINGS = {
    "minimal": "Scores like this usually mean low mood is not getting in the way much.",
    "mild": "Scores like this often mean low mood is there some of the time.",
    "moderate": "Scores like this often mean low mood is getting in the way of daily life.",
    "moderately_severe": (
        "Scores like this often mean low mood is making a lot of daily life hard."
    ),
    "severe": "Scores like this often mean low mood is making most of daily life very hard.",
}


def rule(instrument: Instrument, answers: Answers, context: Context) -> Score:
    total, prorated, note = prorated_sum(instrument, answers, SCORED, MAX_MISSING)
    return banded_score(
        instrument,
        total,
        _MEANINGS,
        flags=item9_flags(instrument, answers),
        prorated=prorated,
        missing_note=note,
    )


def item9_flags(instrument: Instrument, answers: Answers) -> tuple[Flag, ...]:
    """Item 9 above 0 is a risk signal whatever the total (Kroenke 2001: any positive
    answer to item 9 calls for a direct assessment of suicide risk)."""
    item = instrument.items[RISK_ITEM - 1]
    value = answers[RISK_ITEM - 1]
    if value is None:
        return (unanswered_risk_item(instrument),)
    if value > 0:
        return (risk_flag(instrument, item, value, "high", RISK_ABOUT),)
    return ()


def unanswered_risk_item(instrument: Instrument) -> Flag:
    return unanswered_risk_flag(instrument, instrument.items[RISK_ITEM - 1])
