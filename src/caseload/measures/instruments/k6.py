"""Kessler K6: six questions about the last 30 days, 0-4 each, total 0-24; 13 or more is
probable serious psychological distress (Kessler et al. 2003). The 5-12 band for moderate
distress is from Prochaska et al. 2012."""

from caseload.measures.instruments.base import Band, Instrument, Option
from caseload.measures.instruments.common import (
    Answers,
    Context,
    all_answered,
    banded_score,
    items,
    screen_flag,
)
from caseload.measures.result import Flag, Score

SERIOUS_AT = 13

_OPTIONS = (
    Option(0, "None of the time"),
    Option(1, "A little of the time"),
    Option(2, "Some of the time"),
    Option(3, "Most of the time"),
    Option(4, "All of the time"),
)
_TEXTS = (
    "About how often did you feel nervous?",
    "About how often did you feel hopeless?",
    "About how often did you feel restless or fidgety?",
    "About how often did you feel so depressed that nothing could cheer you up?",
    "About how often did you feel that everything was an effort?",
    "About how often did you feel worthless?",
)

INSTRUMENT = Instrument(
    code="k6",
    name="K6",
    title="Kessler Psychological Distress Scale (6 items)",
    instructions="During the past 30 days, about how often did you feel each of these?",
    items=items(_TEXTS, _OPTIONS),
    min_total=0,
    max_total=24,
    bands=(
        Band("low", "Low distress", 0, 4),
        Band("moderate", "Moderate distress", 5, 12),
        Band("serious", "Probable serious distress", 13, 24),
    ),
    licence="Free to use. Copyright Ronald C. Kessler, Harvard Medical School.",
    citation=(
        "Kessler RC, Barker PR, Colpe LJ, et al. Screening for serious mental illness in the "
        "general population. Arch Gen Psychiatry 2003;60(2):184-189. Moderate band: "
        "Prochaska JJ, Sung HY, Max W, Shi Y, Ong M. Validity study of the K6 scale as a "
        "measure of moderate mental distress. Int J Methods Psychiatr Res 2012;21(2):88-97."
    ),
    missing_rule="Not prorated: all six items are needed (no prorating rule is published).",
)

_MEANINGS = {
    "low": "Scores like this usually mean stress and worry are not getting in the way much.",
    "moderate": "Scores like this often mean you have been under some strain.",
    "serious": "Scores like this often mean things have been very hard lately.",
}


def rule(instrument: Instrument, answers: Answers, context: Context) -> Score:
    total = sum(all_answered(instrument, answers))
    flags: tuple[Flag, ...] = ()
    if total >= SERIOUS_AT:
        flags = (
            screen_flag(
                f"{instrument.name} total {total} is 13 or more: probable serious "
                "psychological distress (Kessler 2003)"
            ),
        )
    return banded_score(instrument, total, _MEANINGS, flags=flags)
