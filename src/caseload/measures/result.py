"""The result of scoring one set of answers: what the engine stores beside the answers."""

from dataclasses import dataclass, field


class ScoringError(ValueError):
    """Answers that cannot be scored: out of range, malformed, the wrong number, or too
    many missing. `item` names the first bad item (1-based), or None for the whole set."""

    def __init__(self, message: str, item: int | None = None):
        super().__init__(message)
        self.item = item
        self.message = message


@dataclass(frozen=True)
class Flag:
    code: str  # "risk_item", "acute_risk", "positive_screen"
    severity: str  # "high" or "moderate": the alert severity a risk flag raises
    reason: str  # plain words, e.g. "PHQ-9 item 9 (thoughts of self-harm) answered 'Several days'"
    item: int | None = None
    is_risk: bool = True  # raises a safety alert for the care team


@dataclass(frozen=True)
class Score:
    instrument: str  # code
    total: float | None  # None when the instrument has no total or refuses to score
    band: str | None  # band code
    band_label: str | None
    subscales: dict[str, float] = field(default_factory=dict)
    flags: tuple[Flag, ...] = ()
    explanation: str = ""  # plain words for the client, reading age about 11
    rules_version: str = "1"
    prorated: bool = False
    missing_note: str = ""  # how missing answers were handled, in words
    # Named levels beside the numbers, e.g. ProQOL {"burnout": "average"}: a level is a
    # word, so it does not belong among the numeric subscales.
    levels: dict[str, str] = field(default_factory=dict)
    # False: a total reported without its item answers (scoring.score_reported_total).
    items_known: bool = True
