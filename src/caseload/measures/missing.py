"""Unanswered items, shown before a measure is saved with them (H-107).

A skipped item is not a zero and a skipped risk item is not a "no": the engine prorates
or refuses by each instrument's rule, and raises an alert for an unanswered risk item.
Before that happens the person entering the answers is shown what is missing and what
saving would do with it, and asked to confirm; this module works out what to show."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from caseload.measures import scoring
from caseload.measures.instruments import module_for
from caseload.measures.instruments.base import Instrument, Item
from caseload.measures.result import Score, ScoringError


@dataclass(frozen=True)
class MissingAnswers:
    items: tuple[Item, ...]  # the unanswered items that count or signal risk, in order
    risk_items: tuple[Item, ...]  # of those, the ones whose answer is a risk signal
    score: Score  # what would be stored if saved as it is


def missing_answers(
    instrument: Instrument,
    answers: Sequence[int | None],
    *,
    context: Mapping[str, object] | None = None,
) -> MissingAnswers | None:
    """What is unanswered in `answers` and how it would be scored, or None when nothing
    that matters is missing or the rule refuses to score (saving then fails with the
    rule's own message, so there is nothing to confirm).

    An item that is neither counted nor a risk signal (PHQ-9's difficulty question,
    asked only when a problem was ticked) changes no total and raises no alert, and an
    item the instrument's skip logic passes over is not asked at all: leaving either
    out needs no confirmation."""
    # Questions an instrument's skip logic passes over (C-SSRS, ASQ) are empty by design.
    passed_over = getattr(module_for(instrument.code), "passed_over", None)
    skipped = passed_over(tuple(answers)) if passed_over else frozenset()
    items = tuple(
        item
        for item, value in zip(instrument.items, answers, strict=True)
        if value is None and (item.scored or item.risk) and item.number not in skipped
    )
    if not items:
        return None
    try:
        score = scoring.score(instrument.code, answers, context=context)
    except ScoringError:
        return None
    return MissingAnswers(
        items=items, risk_items=tuple(item for item in items if item.risk), score=score
    )
