"""Small pieces the instrument rules share: option sets, summing with a stated missing-answer
rule, bands, flags and the plain-words explanation. Every rule receives answers that
scoring.py has already checked (right count, integers among the item's option values), so
what is left here is clinical: which answers count, and what to do with the missing ones."""

from collections.abc import Mapping, Sequence
from dataclasses import replace

from caseload.measures.instruments.base import Band, Instrument, Item, Option
from caseload.measures.result import Flag, Score, ScoringError

Answers = Sequence[int | None]
# What a rule may be told beside the answers (AUDIT-C: the sex the threshold depends on).
Context = Mapping[str, object]

NOT_AT_ALL_TO_NEARLY_EVERY_DAY = (
    Option(0, "Not at all"),
    Option(1, "Several days"),
    Option(2, "More than half the days"),
    Option(3, "Nearly every day"),
)
DIFFICULTY = (
    Option(0, "Not difficult at all"),
    Option(1, "Somewhat difficult"),
    Option(2, "Very difficult"),
    Option(3, "Extremely difficult"),
)
NO_YES = (Option(0, "No"), Option(1, "Yes"))

CLOSING = "Your clinician will talk it through with you."


def items(
    texts: Sequence[str], options: tuple[Option, ...], loincs: Sequence[str] = ()
) -> tuple[Item, ...]:
    """Items numbered from 1 in the order given, all sharing one option set."""
    codes = list(loincs) or [""] * len(texts)
    return tuple(
        Item(number=n, text=text, options=options, loinc=code)
        for n, (text, code) in enumerate(zip(texts, codes, strict=True), start=1)
    )


def option_label(item: Item, value: int) -> str:
    return next(option.label for option in item.options if option.value == value)


def round_half_up(value: float) -> int:
    """Prorated totals are whole numbers so that they fall inside the published bands;
    Python's round() rounds halves to even, which would move 4.5 down and 5.5 up."""
    return int(value + 0.5)


def missing_numbers(answers: Answers, numbers: Sequence[int]) -> list[int]:
    return [n for n in numbers if answers[n - 1] is None]


def refuse_missing(instrument: Instrument, answers: Answers, numbers: Sequence[int] = ()) -> None:
    """The rule for instruments that are not prorated: any missing answer stops scoring."""
    numbers = numbers or [item.number for item in instrument.items if item.scored]
    missing = missing_numbers(answers, numbers)
    if missing:
        raise ScoringError(
            f"{instrument.name} item {missing[0]} is unanswered; {instrument.name} is only "
            f"scored when every item is answered ({instrument.missing_rule})",
            item=missing[0],
        )


def all_answered(instrument: Instrument, answers: Answers) -> tuple[int, ...]:
    """For an instrument whose every item is scored: refuse any missing answer, then the
    answers as whole numbers, so that sums and comparisons need no None check."""
    refuse_missing(instrument, answers, [item.number for item in instrument.items])
    return tuple(value for value in answers if value is not None)


def prorated_sum(
    instrument: Instrument, answers: Answers, numbers: Sequence[int], max_missing: int
) -> tuple[int, bool, str]:
    """Sum of the answers to `numbers`; with up to `max_missing` unanswered, the mean of
    the answered items times the item count, rounded half up. Returns (total, prorated,
    note). More missing than that raises, naming the first missing item."""
    missing = missing_numbers(answers, numbers)
    if len(missing) > max_missing:
        raise ScoringError(
            f"{instrument.name} item {missing[0]} is unanswered, and {len(missing)} items "
            f"are missing; {instrument.missing_rule}",
            item=missing[0],
        )
    given = [value for n in numbers if (value := answers[n - 1]) is not None]
    if not missing:
        return sum(given), False, ""
    total = round_half_up(sum(given) * len(numbers) / len(given))
    listed = ", ".join(str(n) for n in missing)
    note = (
        f"Item {listed} unanswered: the total is prorated (the average of the "
        f"{len(given)} answered items times {len(numbers)}, rounded)."
    )
    return total, True, note


def band_for(bands: Sequence[Band], total: float) -> Band:
    return next(band for band in bands if band.low <= total <= band.high)


def risk_flag(instrument: Instrument, item: Item, value: int, severity: str, about: str) -> Flag:
    """A risk flag whose reason names the item, what it asks about and the answer given."""
    return Flag(
        code="risk_item",
        severity=severity,
        reason=(
            f"{instrument.name} item {item.number} ({about}) answered "
            f"'{option_label(item, value)}'"
        ),
        item=item.number,
    )


def unanswered_risk_flag(instrument: Instrument, item: Item) -> Flag:
    """A risk item left unanswered: a moderate safety alert, so that someone asks in
    person. The published scoring rules only prorate or refuse; caseload goes further
    here because an unasked risk question must not pass unnoticed
    (docs/measures-instruments.md, H-076)."""
    return Flag(
        code="risk_item_unanswered",
        severity="moderate",
        reason=(
            f"{instrument.name} item {item.number} ({item.about or 'the risk item'}) was "
            "not answered: ask about it in person"
        ),
        item=item.number,
    )


def screen_flag(reason: str, code: str = "positive_screen", item: int | None = None) -> Flag:
    """A finding the clinician should see that is not a safety alert."""
    return Flag(code=code, severity="moderate", reason=reason, item=item, is_risk=False)


def explain_total(instrument: Instrument, total: int, meaning: str) -> str:
    return (
        f"Your answers add up to {total} out of {int(instrument.max_total)}. {meaning} {CLOSING}"
    )


def banded_score(
    instrument: Instrument,
    total: int,
    meanings: dict[str, str],
    *,
    flags: Sequence[Flag] = (),
    prorated: bool = False,
    missing_note: str = "",
    subscales: Mapping[str, float] | None = None,
) -> Score:
    """The Score of a summed instrument: its band, and the plain words for that band."""
    band = band_for(instrument.bands, total)
    return Score(
        instrument=instrument.code,
        total=total,
        band=band.code,
        band_label=band.label,
        subscales=dict(subscales or {}),
        flags=tuple(flags),
        explanation=explain_total(instrument, total, meanings[band.code]),
        rules_version=instrument.rules_version,
        prorated=prorated,
        missing_note=missing_note,
    )


def with_wording(
    instrument: Instrument,
    texts: Sequence[str],
    copyright_line: str,
    option_labels: Sequence[Sequence[str]] = (),
) -> Instrument:
    """The instrument with a practice's licensed wording put in place: item texts and,
    when given, answer labels (the values and how they score stay caseload's)."""
    labels = option_labels or [[o.label for o in item.options] for item in instrument.items]
    worded = tuple(
        replace(item, text=text, options=_relabelled(item.options, item_labels))
        for item, text, item_labels in zip(instrument.items, texts, labels, strict=True)
    )
    return replace(instrument, items=worded, copyright=copyright_line)


def _relabelled(options: tuple[Option, ...], labels: Sequence[str]) -> tuple[Option, ...]:
    return tuple(
        Option(option.value, label) for option, label in zip(options, labels, strict=True)
    )
