"""AUDIT: the WHO Alcohol Use Disorders Identification Test, ten questions about the past
year. Items 1-8 score 0-4, items 9-10 score 0, 2 or 4; total 0-40 (Babor et al. 2001).

Zones (Babor et al. 2001, table 6): I 0-7, II 8-15, III 16-19, IV 20-40.

The manual's own rule for single answers (note to table 6): "Provide the next highest level
of intervention to patients who score 2 or more on Questions 4, 5 and 6, or 4 on Questions
9 or 10." caseload applies it as written, reading "2 or more on Questions 4, 5 and 6" as the
three dependence items together (any one item at 2 or more is included, and so are two
items at 1), the reading that raises in every case the per-item reading does:
  1. items 4-6 together scoring 2 or more, or item 9 or 10 scoring 4 ("Yes, during the
     last year"), raise the zone by one (at most to IV).
Two further rules are caseload's own, and only ever raise the zone (documented in
docs/measures-instruments.md as departures towards more care):
  2. any of items 4-6 answered "Weekly" or "Daily or almost daily" raises the zone to IV
     (the manual: "points scored above 0 on questions 4-6, especially weekly or daily
     symptoms, imply the presence or incipient presence of alcohol dependence");
  3. a positive AUDIT-C (items 1-3; threshold by sex as in auditc.py) raises zone I to II.
The zone is the highest of the zone by total and what each rule gives; a raised zone is
reported with a flag that says which rule raised it. The manual also asks for clinical
judgement where the score does not fit other evidence or there is a history of
dependence: the clinician may always act on a higher level, never on a lower one.

Skips (Babor et al. 2001, interview guidance): "Never" to item 1 skips to item 9, and a
score of 0 on items 2 and 3 together skips to item 9; skipped items score 0."""

from collections.abc import Sequence

from caseload.measures.instruments import auditc
from caseload.measures.instruments.base import Band, Instrument, Item, Option
from caseload.measures.instruments.common import (
    CLOSING,
    Answers,
    Context,
    all_answered,
    band_for,
    missing_numbers,
    screen_flag,
)
from caseload.measures.result import Score

DEPENDENCE_ITEMS = (4, 5, 6)
HARM_ITEMS = (9, 10)
WEEKLY = 3
DURING_LAST_YEAR = 4

_INJURY = (
    Option(0, "No"),
    Option(2, "Yes, but not in the last year"),
    Option(4, "Yes, during the last year"),
)
_LAST_YEAR = (
    "How often during the last year have you found that you were not able to stop drinking "
    "once you had started?",
    "How often during the last year have you failed to do what was normally expected from "
    "you because of drinking?",
    "How often during the last year have you needed a first drink in the morning to get "
    "yourself going after a heavy drinking session?",
    "How often during the last year have you had a feeling of guilt or remorse after drinking?",
    "How often during the last year have you been unable to remember what happened the "
    "night before because you had been drinking?",
)
ITEMS = (
    auditc.CONSUMPTION
    + tuple(
        Item(number, text, auditc.HOW_OFTEN) for number, text in enumerate(_LAST_YEAR, start=4)
    )
    + (
        Item(9, "Have you or someone else been injured as a result of your drinking?", _INJURY),
        Item(
            10,
            "Has a relative or friend or a doctor or another health worker been concerned "
            "about your drinking or suggested you cut down?",
            _INJURY,
        ),
    )
)

_ROMAN = ("I", "II", "III", "IV")
ZONES = (
    Band("zone_1", "Zone I: lower risk", 0, 7),
    Band("zone_2", "Zone II: increasing risk", 8, 15),
    Band("zone_3", "Zone III: higher risk", 16, 19),
    Band("zone_4", "Zone IV: possible dependence", 20, 40),
)

INSTRUMENT = Instrument(
    code="audit",
    name="AUDIT",
    title="Alcohol Use Disorders Identification Test",
    instructions=auditc.INSTRUMENT.instructions,
    items=ITEMS,
    min_total=0,
    max_total=40,
    bands=ZONES,
    loinc_total="75624-7",
    licence="Free to use. Copyright World Health Organization.",
    # 2: the WHO manual's next-level-up rule for items 4-6 and 9-10 (it raised less before).
    rules_version="2",
    citation=(
        "Babor TF, Higgins-Biddle JC, Saunders JB, Monteiro MG. AUDIT: The Alcohol Use "
        "Disorders Identification Test. Guidelines for use in primary care. 2nd ed. Geneva: "
        "World Health Organization; 2001."
    ),
    missing_rule=(
        "Not prorated. Items 2-8 may be left out when item 1 is 'Never', and items 4-8 when "
        "items 2 and 3 both score 0, as the WHO interview skips them; skipped items score 0. "
        "Any other unanswered item stops scoring."
    ),
)

_MEANINGS = {
    "zone_1": "Scores like this usually mean drinking is at a lower-risk level.",
    "zone_2": "Scores like this can mean drinking is starting to affect your health.",
    "zone_3": "Scores like this often mean drinking is affecting your health.",
    "zone_4": "Scores like this often mean drinking is affecting your health a lot.",
}


def rule(instrument: Instrument, answers: Answers, context: Context) -> Score:
    auditc.threshold(context)  # a malformed sex is refused whatever the zone
    filled, note = _apply_skips(answers)
    given = all_answered(instrument, filled)
    total = sum(given)
    zone = band_for(ZONES, total)
    raised, reasons = _bumped(zone, given, context)
    flags = tuple(screen_flag(reason, code="zone_raised") for reason in reasons)
    return Score(
        instrument=instrument.code,
        total=total,
        band=raised.code,
        band_label=raised.label,
        subscales={"consumption": sum(given[:3]), "zone_by_total": ZONES.index(zone) + 1},
        flags=flags,
        explanation=(
            f"Your answers add up to {total} out of 40. {_MEANINGS[raised.code]} {CLOSING}"
        ),
        rules_version=instrument.rules_version,
        missing_note=note,
    )


def _apply_skips(answers: Answers) -> tuple[list[int | None], str]:
    filled = list(answers)
    if filled[0] == 0:
        skipped = missing_numbers(filled, range(2, 9))
    elif filled[1] == 0 and filled[2] == 0:
        skipped = missing_numbers(filled, range(4, 9))
    else:
        return filled, ""
    for number in skipped:
        filled[number - 1] = 0
    if not skipped:
        return filled, ""
    listed = ", ".join(str(n) for n in skipped)
    return filled, f"Items {listed} skipped as the AUDIT directs, and scored 0."


def _bumped(zone: Band, answers: Sequence[int], context: Context) -> tuple[Band, list[str]]:
    """The zone after the raising rules (see the module's docstring), and a reason for each
    rule that raised it above the zone by total."""
    by_total = ZONES.index(zone)
    raised = [
        (level, reason)
        for level, reason in (
            _manual_raise(by_total, answers),
            _weekly_dependence(answers),
            _auditc_positive(answers, context),
        )
        if level > by_total
    ]
    level = max([by_total] + [level for level, _ in raised])
    return ZONES[level], [reason for _, reason in raised]


def _manual_raise(by_total: int, answers: Sequence[int]) -> tuple[int, str]:
    """Babor et al. 2001, note to table 6: the next zone up for 2 or more on items 4-6,
    or 4 on item 9 or 10."""
    dependence = sum(answers[n - 1] for n in DEPENDENCE_ITEMS)
    harm = [n for n in HARM_ITEMS if answers[n - 1] == DURING_LAST_YEAR]
    if dependence < 2 and not harm:
        return -1, ""
    level = min(by_total + 1, len(ZONES) - 1)
    why = (
        f"AUDIT items 4-6 (signs of dependence) score {dependence}"
        if dependence >= 2
        else f"AUDIT item {harm[0]} answered 'Yes, during the last year'"
    )
    return level, f"{why}: the WHO manual gives the next zone up, {_ROMAN[level]}"


def _weekly_dependence(answers: Sequence[int]) -> tuple[int, str]:
    weekly = [n for n in DEPENDENCE_ITEMS if answers[n - 1] >= WEEKLY]
    if not weekly:
        return -1, ""
    return 3, (
        f"AUDIT item {weekly[0]} (a sign of dependence) answered weekly or more: zone raised to IV"
    )


def _auditc_positive(answers: Sequence[int], context: Context) -> tuple[int, str]:
    if not auditc.is_positive(sum(answers[:3]), context):
        return -1, ""
    return 1, "AUDIT-C (items 1-3) positive: zone raised to II"
