"""The one scoring engine (ARCHITECTURE.md rule 6): check the answers against the
instrument's items, then hand them to the instrument's own small rule.

    score("phq9", [0, 1, 2, 1, 0, 0, 1, 0, 0, None]) -> Score

Answers are in item order; None is a missing answer, and each instrument's rule says what
it does with missing answers (prorate, or refuse with a ScoringError naming the item).
Nothing here ever turns a missing or malformed answer into a zero.

A result may also arrive as a total alone, without its item answers (what most other
records send): `score_reported_total` gives it its band from the same bands, and a
moderate risk flag for every risk item, whose answer is then not known."""

import math
from collections.abc import Mapping, Sequence

from caseload.measures.instruments import module_for
from caseload.measures.instruments.base import Instrument, Item
from caseload.measures.instruments.common import CLOSING
from caseload.measures.result import Flag, Score, ScoringError

REPORTED_NOTE = "Reported as a total only: the item answers are not known."


def score(
    code: str, answers: Sequence[int | None], *, context: Mapping[str, object] | None = None
) -> Score:
    """Score one set of answers. KeyError for an unknown instrument code; ScoringError
    (with `.item`, 1-based) for answers that cannot be scored."""
    module = module_for(code)
    instrument = module.INSTRUMENT
    checked = check_answers(instrument, answers)
    return module.rule(instrument, checked, dict(context or {}))


def check_answers(instrument: Instrument, answers: object) -> tuple[int | None, ...]:
    """The answers as a tuple, each None or one of its item's option values."""
    if isinstance(answers, str | bytes | Mapping) or not isinstance(answers, Sequence):
        raise ScoringError(f"{instrument.name}: answers must be a list in item order")
    _check_count(instrument, answers)
    for item, value in zip(instrument.items, answers, strict=True):
        _check_value(instrument, item, value)
    return tuple(answers)


def _check_count(instrument: Instrument, answers: Sequence[object]) -> None:
    expected = len(instrument.items)
    if len(answers) == expected:
        return
    # Name the first item that has no answer, or the first answer that has no item.
    first = len(answers) + 1 if len(answers) < expected else expected + 1
    raise ScoringError(
        f"{instrument.name} has {expected} items but {len(answers)} answers were given "
        f"(use null for a missing answer); the first mismatch is at item {first}",
        item=first,
    )


def _check_value(instrument: Instrument, item: Item, value: object) -> None:
    if value is None:
        return
    # bool is an int subclass: True would silently score 1.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScoringError(
            f"{instrument.name} item {item.number}: {value!r} is not a whole-number answer",
            item=item.number,
        )
    allowed = [option.value for option in item.options]
    if value not in allowed:
        listed = ", ".join(str(v) for v in allowed)
        raise ScoringError(
            f"{instrument.name} item {item.number}: {value} is not one of its answers ({listed})",
            item=item.number,
        )


def accepts_reported_total(instrument: Instrument) -> bool:
    """Whether a total alone can be recorded: only for instruments whose band follows
    from the total by the published bands. Screens scored from particular items (ASQ,
    C-SSRS, AUDIT-C's sex-specific threshold) and instruments without bands are only
    recorded with their answers."""
    return bool(instrument.bands) and instrument.max_total > instrument.min_total


def score_reported_total(code: str, total: object) -> Score:
    """A total reported without its item answers: its band, and for each risk item a
    moderate risk flag saying it is not known and must be asked in person (H-075).
    ScoringError for an instrument that is only recorded with its answers, or a total
    that is not a number or falls in none of its bands (not a possible total)."""
    instrument = module_for(code).INSTRUMENT
    if not accepts_reported_total(instrument):
        raise ScoringError(
            f"{instrument.name} is only recorded with its item answers: a total alone "
            "does not say what it means"
        )
    if isinstance(total, bool) or not isinstance(total, int | float) or not math.isfinite(total):
        raise ScoringError(f"{instrument.name}: the total {total!r} is not a number")
    band = next((b for b in instrument.bands if b.low <= total <= b.high), None)
    if band is None:
        raise ScoringError(
            f"{instrument.name}: {total:g} is not a possible total "
            f"({instrument.min_total:g}-{instrument.max_total:g}, in whole steps)"
        )
    return Score(
        instrument=instrument.code,
        total=total,
        band=band.code,
        band_label=band.label,
        flags=_unknown_risk_flags(instrument, total),
        explanation=(
            f"Your total was {total:g} out of {instrument.max_total:g} "
            f"({band.label.lower()}). {CLOSING}"
        ),
        rules_version=instrument.rules_version,
        missing_note=REPORTED_NOTE,
        items_known=False,
    )


def _unknown_risk_flags(instrument: Instrument, total: float) -> tuple[Flag, ...]:
    risky = [item for item in instrument.items if item.risk]
    if not risky:
        return ()
    numbers = " and ".join(str(item.number) for item in risky)
    about = "; ".join(item.about or "the risk item" for item in risky)
    return (
        Flag(
            code="risk_item_unknown",
            severity="moderate",
            reason=(
                f"{instrument.name} reported as a total only ({total:g}): item {numbers} "
                f"({about}) not known \N{EM DASH} ask in person"
            ),
            item=risky[0].number,
        ),
    )
