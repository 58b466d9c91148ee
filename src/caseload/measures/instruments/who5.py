"""WHO-5 Well-Being Index: five positively worded statements, 0-5 each over the last two
weeks; the raw 0-25 is reported times 4 on 0-100, where higher is better (Topp et al.
2015). 50 or below suggests poor wellbeing; 28 or below is the cut-off Topp et al. report
for screening for depression."""

from caseload.measures.instruments.base import Band, Instrument, Option
from caseload.measures.instruments.common import (
    CLOSING,
    Answers,
    Context,
    all_answered,
    band_for,
    items,
)
from caseload.measures.result import Score

PERCENT_PER_POINT = 4

_OPTIONS = (
    Option(5, "All of the time"),
    Option(4, "Most of the time"),
    Option(3, "More than half of the time"),
    Option(2, "Less than half of the time"),
    Option(1, "Some of the time"),
    Option(0, "At no time"),
)
_TEXTS = (
    "I have felt cheerful and in good spirits",
    "I have felt calm and relaxed",
    "I have felt active and vigorous",
    "I woke up feeling fresh and rested",
    "My daily life has been filled with things that interest me",
)

INSTRUMENT = Instrument(
    code="who5",
    name="WHO-5",
    title="WHO-5 Well-Being Index",
    instructions=(
        "Please indicate for each of the five statements which is closest to how you have "
        "been feeling over the last two weeks."
    ),
    items=items(_TEXTS, _OPTIONS),
    min_total=0,
    max_total=100,
    bands=(
        Band("very_poor", "Very poor wellbeing", 0, 28),
        Band("poor", "Poor wellbeing", 29, 50),
        Band("good", "Wellbeing not reduced", 51, 100),
    ),
    higher_is_worse=False,
    licence=(
        "Free to use without permission. Psychiatric Research Unit, WHO Collaborating Centre "
        "in Mental Health, Mental Health Centre North Zealand."
    ),
    citation=(
        "Topp CW, Ostergaard SD, Sondergaard S, Bech P. The WHO-5 Well-Being Index: a "
        "systematic review of the literature. Psychother Psychosom 2015;84(3):167-176."
    ),
    missing_rule=(
        "Not prorated: all five items are needed (Topp et al. 2015 give no prorating rule, "
        "and one item is a fifth of the score)."
    ),
)

_MEANINGS = {
    "very_poor": "Scores like this often mean things have felt hard for a while.",
    "poor": "Scores like this often mean things have not felt as good as they could.",
    "good": "Scores like this usually mean you have been feeling fairly well.",
}


def rule(instrument: Instrument, answers: Answers, context: Context) -> Score:
    raw = sum(all_answered(instrument, answers))
    total = raw * PERCENT_PER_POINT
    band = band_for(instrument.bands, total)
    return Score(
        instrument=instrument.code,
        total=total,
        band=band.code,
        band_label=band.label,
        subscales={"raw": raw},
        explanation=(
            f"Your wellbeing score is {total} out of 100. Higher scores mean better "
            f"wellbeing. {_MEANINGS[band.code]} {CLOSING}"
        ),
        rules_version=instrument.rules_version,
    )
