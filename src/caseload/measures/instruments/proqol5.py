"""ProQOL 5: the Professional Quality of Life scale, 30 statements about the last 30 days,
1-5 each, in three subscales of ten items (Stamm 2010). Burnout items 1, 4, 15, 17 and 29
are reverse scored (6 - answer). Each subscale is the sum of its ten item scores, 10-50,
read as low (22 or less), average (23-41) or high (42 or more) (ProQOL 5 manual, sums).

There is no total: `Score.total` is None, the three sums are in `Score.subscales` and
their levels in `Score.levels`. The ProQOL may be copied only unchanged with its
copyright line, so the wording is loaded by the practice from the licensed folder."""

from caseload.measures.instruments.base import Instrument, Item, Option
from caseload.measures.instruments.common import Answers, Context, all_answered
from caseload.measures.result import Score

SUBSCALES = {
    "compassion_satisfaction": (3, 6, 12, 16, 18, 20, 22, 24, 27, 30),
    "burnout": (1, 4, 8, 10, 15, 17, 19, 21, 26, 29),
    "secondary_traumatic_stress": (2, 5, 7, 9, 11, 13, 14, 23, 25, 28),
}
REVERSED = (1, 4, 15, 17, 29)
LOW_AT_MOST = 22
HIGH_FROM = 42

_OPTIONS = (
    Option(1, "Never"),
    Option(2, "Rarely"),
    Option(3, "Sometimes"),
    Option(4, "Often"),
    Option(5, "Very often"),
)

INSTRUMENT = Instrument(
    code="proqol5",
    name="ProQOL 5",
    title="Professional Quality of Life Scale, version 5",
    instructions=(
        "When you help people you have direct contact with their lives. Consider each "
        "statement about you and your current work situation over the last 30 days. "
        "(Wording loaded from the practice's licensed file.)"
    ),
    items=tuple(Item(n, "", _OPTIONS, reverse=n in REVERSED) for n in range(1, 31)),
    min_total=10,
    max_total=50,
    wording_shipped=False,
    licence=(
        "Copyright B. Hudnall Stamm / ProQOL.org. May be copied freely if the author is "
        "credited, nothing is changed and it is not sold; caseload ships scoring only."
    ),
    citation=("Stamm BH. The Concise ProQOL Manual. 2nd ed. Pocatello, ID: ProQOL.org; 2010."),
    missing_rule=(
        "Not prorated: all thirty items are needed (each subscale has ten items, and the "
        "manual gives no prorating rule)."
    ),
    extra={
        "subscales": {name: list(numbers) for name, numbers in SUBSCALES.items()},
        "levels": {"low": [10, LOW_AT_MOST], "average": [23, 41], "high": [HIGH_FROM, 50]},
    },
)

_WORDS = {
    "compassion_satisfaction": "compassion satisfaction (the good feeling from helping)",
    "burnout": "burnout",
    "secondary_traumatic_stress": "secondary traumatic stress",
}


def item_score(number: int, value: int) -> int:
    return 6 - value if number in REVERSED else value


def level(value: int) -> str:
    if value <= LOW_AT_MOST:
        return "low"
    if value >= HIGH_FROM:
        return "high"
    return "average"


def rule(instrument: Instrument, answers: Answers, context: Context) -> Score:
    given = all_answered(instrument, answers)
    subscales = {
        name: sum(item_score(n, given[n - 1]) for n in numbers)
        for name, numbers in SUBSCALES.items()
    }
    levels = {name: level(value) for name, value in subscales.items()}
    parts = "; ".join(
        f"{_WORDS[name]} {value} out of 50 ({levels[name]})" for name, value in subscales.items()
    )
    return Score(
        instrument=instrument.code,
        total=None,
        band=None,
        band_label=None,
        subscales=dict(subscales),
        explanation=(
            f"Your answers give three scores: {parts}. Each runs from 10 to 50. They are "
            "not a diagnosis; they can help you notice how your work is affecting you."
        ),
        rules_version=instrument.rules_version,
        levels=levels,
    )
