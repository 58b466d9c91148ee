"""C-SSRS screener (Columbia-Suicide Severity Rating Scale, screen version, recent): asked
by a clinician. Its wording is licensed for electronic use, so caseload ships the items
under their LOINC display names only; a practice that holds a licence can load the
wording (instruments/__init__.py).

Skip logic: a yes to question 2 leads to questions 3, 4 and 5; a no goes straight to
question 6. Question 7 (within the past 3 months) follows a yes to question 6.

Triage (Posner et al.; Columbia Protocol screener triage):
  high:     yes to 4 or 5, or behaviour (6) within the past 3 months (7 yes)
  moderate: yes to 3, or behaviour more than 3 months ago (6 yes, 7 no)
  low:      yes to 1 and/or 2 only
  none:     no to everything asked
Every level above none raises a safety alert: high at high, moderate at moderate AND at
low. The screener's own triage calls a wish to be dead or suicidal thoughts without a
method "low", but a yes to either is a positive risk answer, and caseload never stores
one without telling the care team (a departure from the source towards more care,
docs/measures-instruments.md). Answers given to questions the
skip logic passed over are not discarded: a yes there still counts."""

from collections.abc import Sequence

from caseload.measures.instruments.base import Band, Instrument, Item
from caseload.measures.instruments.common import NO_YES, Answers, Context
from caseload.measures.result import Flag, Score, ScoringError

YES, NO = 1, 0

_LABELS = (
    ("93246-7", "Wish to be dead"),
    ("93247-5", "Non-specific active suicidal thoughts"),
    ("93248-3", "Active suicidal ideation with any methods (not plan) without intent to act"),
    ("93249-1", "Active suicidal ideation with some intent to act, without specific plan"),
    ("93250-9", "Active suicidal ideation with specific plan and intent"),
    ("93267-3", "Suicidal behavior"),
    ("93269-9", "Suicidal behavior within the past 3 months"),
)

BANDS = (
    Band("none", "No risk identified", 0, 0),
    Band("low", "Low risk", 1, 1),
    Band("moderate", "Moderate risk", 2, 2),
    Band("high", "High risk", 3, 3),
)

INSTRUMENT = Instrument(
    code="cssrs",
    name="C-SSRS",
    title="Columbia-Suicide Severity Rating Scale, screener (recent)",
    instructions=(
        "Clinician-administered. Ask questions 1 and 2. If yes to question 2, ask questions "
        "3, 4 and 5; if no, go to question 6. If yes to question 6, ask question 7."
    ),
    items=tuple(
        Item(number, label, NO_YES, loinc=code, risk=True)
        for number, (code, label) in enumerate(_LABELS, start=1)
    ),
    min_total=0,
    max_total=0,
    bands=BANDS,
    loinc_panel="93373-9",
    completed_by="clinician",
    rules_version="2",  # 2: a "low" triage raises a moderate alert
    wording_shipped=False,
    licence=(
        "Copyright The Research Foundation for Mental Hygiene, Inc. Free for clinical use on "
        "paper; electronic use of the wording needs a licence from the Columbia Lighthouse "
        "Project, so caseload does not ship it."
    ),
    citation=(
        "Posner K, Brown GK, Stanley B, et al. The Columbia-Suicide Severity Rating Scale: "
        "initial validity and internal consistency findings from three multisite studies "
        "with adolescents and adults. Am J Psychiatry 2011;168(12):1266-1277."
    ),
    missing_rule=(
        "Questions 1, 2 and 6 must be answered; questions 3-5 when question 2 is yes; "
        "question 7 when question 6 is yes. Questions the skip logic passes over may be left "
        "empty. Anything else unanswered stops scoring, naming the question."
    ),
)

EXPLANATION = (
    "Thank you for answering these questions. They help your clinician understand how to "
    "support you. Your clinician will talk it through with you."
)


def rule(instrument: Instrument, answers: Answers, context: Context) -> Score:
    _check_asked(answers)
    level, reasons = triage(answers)
    band = BANDS[level]
    return Score(
        instrument=instrument.code,
        total=None,
        band=band.code,
        band_label=band.label,
        flags=_flags(band, reasons),
        explanation=EXPLANATION,
        rules_version=instrument.rules_version,
    )


def passed_over(answers: Answers) -> frozenset[int]:
    """The questions the skip logic passes over for these answers: left empty by design,
    so not "missing" (measures/missing.py)."""
    skipped = set() if answers[1] == YES else {3, 4, 5}
    if answers[5] != YES:
        skipped.add(7)
    return frozenset(skipped)


def _check_asked(answers: Answers) -> None:
    required = [1, 2, 6]
    if answers[1] == YES:
        required += [3, 4, 5]
    if answers[5] == YES:
        required.append(7)
    for number in sorted(required):
        if answers[number - 1] is None:
            raise ScoringError(
                f"C-SSRS question {number} ({_LABELS[number - 1][1]}) is unanswered; "
                f"{INSTRUMENT.missing_rule}",
                item=number,
            )
    if answers[5] != YES and answers[6] is not None:
        raise ScoringError(
            "C-SSRS question 7 (within the past 3 months) only follows a yes to question 6; "
            "leave it empty or answer question 6 yes",
            item=7,
        )


def triage(answers: Answers) -> tuple[int, list[tuple[int, str]]]:
    """The triage level (0 none, 1 low, 2 moderate, 3 high) and, for each answer behind
    it, (question number, words naming the question and the answer)."""
    said_yes = {n for n in range(1, 8) if answers[n - 1] == YES}
    behaviour_recent = 6 in said_yes and 7 in said_yes
    behaviour_past = 6 in said_yes and 7 not in said_yes
    for level, numbers, behaviour in (
        (3, (4, 5), behaviour_recent),
        (2, (3,), behaviour_past),
        (1, (1, 2), False),
    ):
        hits = [n for n in numbers if n in said_yes]
        if hits or behaviour:
            return level, _reasons(hits, behaviour, behaviour_recent)
    return 0, []


def _reasons(hits: Sequence[int], behaviour: bool, recent: bool) -> list[tuple[int, str]]:
    reasons = [(n, f"question {n} ({_LABELS[n - 1][1]}) answered 'Yes'") for n in hits]
    if behaviour:
        when = "within the past 3 months" if recent else "more than 3 months ago"
        reasons.append((6, f"question 6 (suicidal behavior) answered 'Yes', {when}"))
    return reasons


def _flags(band: Band, reasons: list[tuple[int, str]]) -> tuple[Flag, ...]:
    if band.code == "none":
        return ()
    reason = f"C-SSRS triage {band.code}: " + "; ".join(text for _, text in reasons)
    item = reasons[0][0]
    if band.code == "low":
        return (Flag("triage_low", "moderate", reason, item=item),)
    return (Flag(f"triage_{band.code}", band.code, reason, item=item),)
