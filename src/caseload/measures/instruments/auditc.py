"""AUDIT-C: the three consumption questions of the AUDIT, 0-4 each, total 0-12 (Bush et
al. 1998). Positive at 4 or more for men and 3 or more for women (Bradley et al. 2007).
When sex is not recorded the women's threshold (3) is used: it is the stricter screen, so
no one who would screen positive under either rule is missed."""

from caseload.measures.instruments.base import Instrument, Item, Option
from caseload.measures.instruments.common import (
    CLOSING,
    Answers,
    Context,
    all_answered,
    screen_flag,
)
from caseload.measures.result import Flag, Score, ScoringError

THRESHOLDS = {"female": 3, "male": 4, None: 3}

FREQUENCY = (
    Option(0, "Never"),
    Option(1, "Monthly or less"),
    Option(2, "2 to 4 times a month"),
    Option(3, "2 to 3 times a week"),
    Option(4, "4 or more times a week"),
)
TYPICAL_DAY = (
    Option(0, "1 or 2"),
    Option(1, "3 or 4"),
    Option(2, "5 or 6"),
    Option(3, "7, 8, or 9"),
    Option(4, "10 or more"),
)
HOW_OFTEN = (
    Option(0, "Never"),
    Option(1, "Less than monthly"),
    Option(2, "Monthly"),
    Option(3, "Weekly"),
    Option(4, "Daily or almost daily"),
)
CONSUMPTION = (
    Item(1, "How often do you have a drink containing alcohol?", FREQUENCY, "68518-0"),
    Item(
        2,
        "How many drinks containing alcohol do you have on a typical day when you are drinking?",
        TYPICAL_DAY,
        "68519-8",
    ),
    Item(3, "How often do you have six or more drinks on one occasion?", HOW_OFTEN, "68520-6"),
)

INSTRUMENT = Instrument(
    code="auditc",
    name="AUDIT-C",
    title="Alcohol Use Disorders Identification Test - Consumption",
    instructions="These questions are about your use of alcoholic drinks during the past year.",
    items=CONSUMPTION,
    min_total=0,
    max_total=12,
    loinc_panel="72109-2",
    loinc_total="75626-2",
    licence="Free to use. The AUDIT questions are copyright World Health Organization.",
    citation=(
        "Bush K, Kivlahan DR, McDonell MB, Fihn SD, Bradley KA. The AUDIT alcohol consumption "
        "questions (AUDIT-C). Arch Intern Med 1998;158(16):1789-1795. Thresholds: Bradley KA, "
        "DeBenedetti AF, Volk RJ, et al. Alcohol Clin Exp Res 2007;31(7):1208-1217."
    ),
    missing_rule="Not prorated: all three questions are needed.",
    extra={"thresholds": {"female": 3, "male": 4, "unknown": 3}},
)


def threshold(context: Context) -> int:
    """The positive-screen threshold for the sex in `context` ("female", "male" or None)."""
    sex = context.get("sex")
    if sex not in THRESHOLDS:
        raise ScoringError(f"AUDIT-C: sex must be 'female', 'male' or empty, not {sex!r}")
    return THRESHOLDS[sex]


def is_positive(total: int, context: Context) -> bool:
    return total >= threshold(context)


def rule(instrument: Instrument, answers: Answers, context: Context) -> Score:
    total = sum(all_answered(instrument, answers))
    cut = threshold(context)
    positive = total >= cut
    flags: tuple[Flag, ...] = ()
    if positive:
        flags = (
            screen_flag(
                f"AUDIT-C total {total} is {cut} or more: a positive screen "
                f"({_whose(context)}); follow with the full AUDIT"
            ),
        )
    meaning = (
        "Scores like this can mean drinking is affecting your health. It can help to talk "
        "about it."
        if positive
        else "Scores like this usually mean drinking is at a lower-risk level."
    )
    return Score(
        instrument=instrument.code,
        total=total,
        band="positive" if positive else "negative",
        band_label="Positive screen" if positive else "Negative screen",
        flags=flags,
        explanation=f"Your answers add up to {total} out of 12. {meaning} {CLOSING}",
        rules_version=instrument.rules_version,
    )


def _whose(context: Context) -> str:
    sex = context.get("sex")
    if sex is None:
        return "threshold 3 used because sex is not recorded"
    return f"threshold for {'women' if sex == 'female' else 'men'}"
