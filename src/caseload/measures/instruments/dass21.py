"""DASS-21: the short Depression Anxiety Stress Scales, 21 statements about the past week,
0-3 each, seven per scale; each scale's sum is doubled to match the full DASS-42, 0-42
(Lovibond and Lovibond 1995). The total is the sum of the three doubled scales, 0-126;
the clinical reading is the three scales, each banded by the Lovibond severity labels."""

from collections.abc import Mapping

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

MULTIPLIER = 2

SCALES = {
    "depression": (3, 5, 10, 13, 16, 17, 21),
    "anxiety": (2, 4, 7, 9, 15, 19, 20),
    "stress": (1, 6, 8, 11, 12, 14, 18),
}

_LABELS = ("Normal", "Mild", "Moderate", "Severe", "Extremely severe")
_CODES = ("normal", "mild", "moderate", "severe", "extremely_severe")


def _bands(highs: tuple[int, ...]) -> tuple[Band, ...]:
    """Lovibond bands from the top of each of the first four (the last runs to 42)."""
    lows = (0,) + tuple(high + 1 for high in highs)
    tops = highs + (42,)
    return tuple(
        Band(code, label, low, high)
        for code, label, low, high in zip(_CODES, _LABELS, lows, tops, strict=True)
    )


# Lovibond and Lovibond 1995, on the doubled (DASS-42 equivalent) scores.
BANDS = {
    "depression": _bands((9, 13, 20, 27)),
    "anxiety": _bands((7, 9, 14, 19)),
    "stress": _bands((14, 18, 25, 33)),
}

_OPTIONS = (
    Option(0, "Did not apply to me at all"),
    Option(1, "Applied to me to some degree, or some of the time"),
    Option(2, "Applied to me to a considerable degree, or a good part of time"),
    Option(3, "Applied to me very much, or most of the time"),
)
_TEXTS = (
    "I found it hard to wind down",
    "I was aware of dryness of my mouth",
    "I couldn't seem to experience any positive feeling at all",
    "I experienced breathing difficulty (eg, excessively rapid breathing, breathlessness "
    "in the absence of physical exertion)",
    "I found it difficult to work up the initiative to do things",
    "I tended to over-react to situations",
    "I experienced trembling (eg, in the hands)",
    "I felt that I was using a lot of nervous energy",
    "I was worried about situations in which I might panic and make a fool of myself",
    "I felt that I had nothing to look forward to",
    "I found myself getting agitated",
    "I found it difficult to relax",
    "I felt down-hearted and blue",
    "I was intolerant of anything that kept me from getting on with what I was doing",
    "I felt I was close to panic",
    "I was unable to become enthusiastic about anything",
    "I felt I wasn't worth much as a person",
    "I felt that I was rather touchy",
    "I was aware of the action of my heart in the absence of physical exertion (eg, sense "
    "of heart rate increase, heart missing a beat)",
    "I felt scared without any good reason",
    "I felt that life was meaningless",
)

INSTRUMENT = Instrument(
    code="dass21",
    name="DASS-21",
    title="Depression Anxiety Stress Scales (21 items)",
    instructions=(
        "Please read each statement and choose the answer which indicates how much the "
        "statement applied to you over the past week. There are no right or wrong answers. "
        "Do not spend too much time on any statement."
    ),
    items=items(_TEXTS, _OPTIONS),
    min_total=0,
    max_total=126,
    licence="Public domain (Lovibond and Lovibond); the manual is copyright.",
    citation=(
        "Lovibond SH, Lovibond PF. Manual for the Depression Anxiety Stress Scales. 2nd ed. "
        "Sydney: Psychology Foundation; 1995."
    ),
    missing_rule=(
        "Not prorated: every item is needed, since each scale has only seven items and "
        "one missing item changes a doubled scale score by up to 6."
    ),
    extra={"scales": {name: list(numbers) for name, numbers in SCALES.items()}},
)

_WORDS = {"depression": "low mood", "anxiety": "worry and fear", "stress": "stress"}


def rule(instrument: Instrument, answers: Answers, context: Context) -> Score:
    given = all_answered(instrument, answers)
    subscales: dict[str, float] = {
        name: MULTIPLIER * sum(given[n - 1] for n in numbers) for name, numbers in SCALES.items()
    }
    levels = {name: band_for(BANDS[name], value).code for name, value in subscales.items()}
    return Score(
        instrument=instrument.code,
        total=sum(subscales.values()),
        band=None,
        band_label=None,
        subscales=subscales,
        explanation=_explain(subscales),
        rules_version=instrument.rules_version,
        levels=levels,
    )


def _explain(subscales: Mapping[str, float]) -> str:
    parts = ", ".join(f"{_WORDS[name]} {value} out of 42" for name, value in subscales.items())
    return (
        f"Your answers give three scores: {parts}. Higher scores mean that feeling was "
        f"stronger last week. {CLOSING}"
    )
