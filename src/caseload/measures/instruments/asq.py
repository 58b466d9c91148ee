"""ASQ: the NIMH Ask Suicide-Screening Questions (public domain). Questions 1-4 are yes or
no; any yes is a positive screen. When positive, question 5 (acuity) is asked: yes is an
acute positive (imminent risk), no a non-acute positive (Horowitz et al. 2012; NIMH ASQ
toolkit).

Missing answers are not zeros here: the toolkit counts a refusal to answer questions 1-4
as a positive screen, so an unanswered question 1-4 is read as declined. On a positive
screen an unanswered question 5 leaves acuity unknown, and caseload treats it as acute
until it is asked (a precaution; document in the hazard log). A yes to question 5 is
acute whatever questions 1-4 say: a yes to a risk question is never set aside."""

from collections.abc import Sequence
from dataclasses import replace

from caseload.measures.instruments.base import Band, Instrument
from caseload.measures.instruments.common import NO_YES, Answers, Context, items
from caseload.measures.result import Flag, Score

YES = 1
SCREEN_ITEMS = (1, 2, 3, 4)
ACUITY_ITEM = 5

_TEXTS = (
    "In the past few weeks, have you wished you were dead?",
    "In the past few weeks, have you felt that you or your family would be better off if "
    "you were dead?",
    "In the past week, have you been having thoughts about killing yourself?",
    "Have you ever tried to kill yourself?",
    "Are you having thoughts of killing yourself right now?",
)
_ABOUT = {
    1: "wished you were dead",
    2: "others better off if you were dead",
    3: "thoughts about killing yourself in the past week",
    4: "ever tried to kill yourself",
    5: "thoughts of killing yourself right now",
}

BANDS = (
    Band("negative", "Negative screen", 0, 0),
    Band("non_acute_positive", "Non-acute positive screen", 1, 1),
    Band("acute_positive", "Acute positive screen (imminent risk)", 2, 2),
)

INSTRUMENT = Instrument(
    code="asq",
    name="ASQ",
    title="Ask Suicide-Screening Questions",
    instructions=(
        "Ask the client questions 1 to 4. If the client answers yes to any of them, or "
        "declines to answer, ask question 5."
    ),
    items=tuple(replace(item, risk=True) for item in items(_TEXTS, NO_YES)),
    min_total=0,
    max_total=0,
    bands=BANDS,
    licence="Public domain (US National Institute of Mental Health).",
    citation=(
        "Horowitz LM, Bridge JA, Teach SJ, et al. Ask Suicide-Screening Questions (ASQ): a "
        "brief instrument for the pediatric emergency department. Arch Pediatr Adolesc Med "
        "2012;166(12):1170-1176. NIMH ASQ toolkit."
    ),
    missing_rule=(
        "An unanswered question 1-4 counts as declined, which the NIMH toolkit treats as a "
        "positive screen. Question 5 is only asked on a positive screen; if it is "
        "unanswered then, the screen is treated as acute until it is asked."
    ),
)

EXPLANATION = (
    "Thank you for answering these questions. They help your clinician understand how "
    "to support you. Your clinician will talk it through with you."
)


def passed_over(answers: Answers) -> frozenset[int]:
    """Question 5 is asked only on a positive screen (an unanswered question 1-4 counts
    as positive); after four noes it is left empty by design (measures/missing.py)."""
    positive = any(answers[n - 1] != 0 for n in SCREEN_ITEMS)
    return frozenset() if positive else frozenset({ACUITY_ITEM})


def rule(instrument: Instrument, answers: Answers, context: Context) -> Score:
    positive = [n for n in SCREEN_ITEMS if answers[n - 1] != 0]
    acuity = answers[ACUITY_ITEM - 1]
    acute = acuity == YES or (bool(positive) and acuity is None)
    band = BANDS[2] if acute else BANDS[1] if positive else BANDS[0]
    flags = (_flag(answers, positive, acute),) if positive or acute else ()
    return Score(
        instrument=instrument.code,
        total=None,
        band=band.code,
        band_label=band.label,
        flags=flags,
        explanation=EXPLANATION,
        rules_version=instrument.rules_version,
        missing_note=_missing_note(answers),
    )


def _flag(answers: Answers, positive: Sequence[int], acute: bool) -> Flag:
    """One flag per screen, so that one screen raises one alert: high when acute."""
    parts = [
        f"question {n} ({_ABOUT[n]}) answered {_answer_words(answers[n - 1])}" for n in positive
    ]
    if acute:
        parts.append(_acuity_words(answers[ACUITY_ITEM - 1]))
    kind = "acute positive" if acute else "positive screen"
    return Flag(
        code="acute_risk" if acute else "risk_item",
        severity="high" if acute else "moderate",
        reason=f"ASQ {kind}: " + "; ".join(parts),
        item=ACUITY_ITEM if acute else positive[0],
    )


def _answer_words(value: int | None) -> str:
    return "'Yes'" if value == YES else "nothing (declined, counted as yes)"


def _acuity_words(acuity: int | None) -> str:
    if acuity == YES:
        return f"question 5 ({_ABOUT[5]}) answered 'Yes'"
    return f"question 5 ({_ABOUT[5]}) not answered: treated as acute until it is asked"


def _missing_note(answers: Answers) -> str:
    declined = [n for n in SCREEN_ITEMS if answers[n - 1] is None]
    if not declined:
        return ""
    listed = ", ".join(str(n) for n in declined)
    return f"Question {listed} not answered: counted as declined, which makes the screen positive."
