"""EPDS: the Edinburgh Postnatal Depression Scale, ten statements about the past 7 days,
each with four answers scored 0-3, total 0-30 (Cox, Holden and Sagovsky 1987). caseload
ships the scoring only; the wording is loaded by a practice that has permission.

Answers are the position of the answer chosen, as printed: 0 for the first answer listed
to 3 for the fourth. Items 1, 2 and 4 score the position; items 3 and 5-10 are printed
with the most severe answer first, so they score 3 minus the position (Cox et al. 1987).

Bands: 10 or more, possible depression; 13 or more, probable depression (Cox et al.
1987). Item 10 (thoughts of self-harm) scoring above 0 raises a high risk flag whatever
the total: the authors ask that any positive answer to it is followed up at once."""

from collections.abc import Sequence

from caseload.measures.instruments.base import Band, Instrument, Item, Option
from caseload.measures.instruments.common import (
    Answers,
    Context,
    all_answered,
    banded_score,
)
from caseload.measures.result import Flag, Score

RISK_ITEM = 10
REVERSED = (3, 5, 6, 7, 8, 9, 10)
TOP = 3

_OPTIONS = tuple(Option(position, f"Answer {position + 1} as printed") for position in range(4))

INSTRUMENT = Instrument(
    code="epds",
    name="EPDS",
    title="Edinburgh Postnatal Depression Scale",
    instructions=(
        "Please choose the answer that comes closest to how you have felt in the past 7 "
        "days, not just how you feel today. (Wording loaded from the practice's file.)"
    ),
    items=tuple(
        Item(
            n,
            "",
            _OPTIONS,
            reverse=n in REVERSED,
            risk=n == RISK_ITEM,
            about="thoughts of harming yourself" if n == RISK_ITEM else "",
        )
        for n in range(1, 11)
    ),
    min_total=0,
    max_total=30,
    bands=(
        Band("below", "Below the screening cut-offs", 0, 9),
        Band("possible", "Possible depression (10 or more)", 10, 12),
        Band("probable", "Probable depression (13 or more)", 13, 30),
    ),
    wording_shipped=False,
    licence=(
        "Copyright The Royal College of Psychiatrists 1987. Wording loaded by a practice "
        "that has permission; caseload ships the scoring only."
    ),
    citation=(
        "Cox JL, Holden JM, Sagovsky R. Detection of postnatal depression: development of "
        "the 10-item Edinburgh Postnatal Depression Scale. Br J Psychiatry 1987;150:782-786."
    ),
    missing_rule="Not prorated: all ten items are needed (the authors give no prorating rule).",
)

_MEANINGS = {
    "below": "Scores like this usually mean low mood is not getting in the way much.",
    "possible": "Scores like this can mean low mood is there some of the time.",
    "probable": "Scores like this often mean low mood is getting in the way of daily life.",
}


def item_score(number: int, position: int) -> int:
    return TOP - position if number in REVERSED else position


def rule(instrument: Instrument, answers: Answers, context: Context) -> Score:
    given = all_answered(instrument, answers)
    scores = [item_score(n, position) for n, position in enumerate(given, start=1)]
    return banded_score(instrument, sum(scores), _MEANINGS, flags=_risk_flags(instrument, given))


def _risk_flags(instrument: Instrument, answers: Sequence[int]) -> tuple[Flag, ...]:
    position = answers[RISK_ITEM - 1]
    item_value = item_score(RISK_ITEM, position)
    if item_value == 0:
        return ()
    label = instrument.items[RISK_ITEM - 1].options[position].label
    return (
        Flag(
            code="risk_item",
            severity="high",
            reason=(
                f"EPDS item 10 (thoughts of harming yourself) answered '{label}', which "
                f"scores {item_value}"
            ),
            item=RISK_ITEM,
        ),
    )
