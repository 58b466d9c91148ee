"""The one scoring engine (ARCHITECTURE.md rule 6): check the answers against the
instrument's items, then hand them to the instrument's own small rule.

    score("phq9", [0, 1, 2, 1, 0, 0, 1, 0, 0, None]) -> Score

Answers are in item order; None is a missing answer, and each instrument's rule says what
it does with missing answers (prorate, or refuse with a ScoringError naming the item).
Nothing here ever turns a missing or malformed answer into a zero."""

from collections.abc import Mapping, Sequence

from caseload.measures.instruments import module_for
from caseload.measures.instruments.base import Instrument
from caseload.measures.result import Score, ScoringError


def score(code: str, answers: Sequence[int | None], *, context: Mapping | None = None) -> Score:
    """Score one set of answers. KeyError for an unknown instrument code; ScoringError
    (with `.item`, 1-based) for answers that cannot be scored."""
    module = module_for(code)
    instrument = module.INSTRUMENT
    checked = check_answers(instrument, answers)
    return module.rule(instrument, checked, dict(context or {}))


def check_answers(instrument: Instrument, answers) -> tuple[int | None, ...]:
    """The answers as a tuple, each None or one of its item's option values."""
    if isinstance(answers, str | bytes | Mapping) or not isinstance(answers, Sequence):
        raise ScoringError(f"{instrument.name}: answers must be a list in item order")
    _check_count(instrument, answers)
    for item, value in zip(instrument.items, answers, strict=True):
        _check_value(instrument, item, value)
    return tuple(answers)


def _check_count(instrument: Instrument, answers: Sequence) -> None:
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


def _check_value(instrument: Instrument, item, value) -> None:
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
