"""What an instrument is: data (items, options, values, codes, licence). Each instrument's
module pairs its `INSTRUMENT` with one small `rule` function; the engine that validates
answers and calls the rule is measures/scoring.py (ARCHITECTURE.md rule 6)."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Option:
    value: int
    label: str


@dataclass(frozen=True)
class Item:
    number: int  # 1-based, in administration order
    text: str  # "" when the wording is licensed and not shipped
    options: tuple[Option, ...]
    loinc: str = ""
    scored: bool = True  # False: recorded, not counted (PHQ-9's difficulty item)
    reverse: bool = False  # reverse-scored (documented per instrument)
    risk: bool = False  # a positive answer is a risk signal (PHQ-9 item 9, ASQ 1-4, ...)
    # Short words for what a risk item asks about, used in the flags that name it when
    # it is unanswered or not known ("thoughts of death or self-harm").
    about: str = ""


@dataclass(frozen=True)
class Band:
    code: str  # "moderate"
    label: str  # "Moderate"
    low: float  # inclusive
    high: float  # inclusive


@dataclass(frozen=True)
class Instrument:
    code: str  # "phq9": the API and URL name
    name: str  # "PHQ-9"
    title: str  # "Patient Health Questionnaire (9 items)"
    instructions: str  # what the person answering is asked, e.g. the time frame
    items: tuple[Item, ...]
    min_total: float
    max_total: float
    bands: tuple[Band, ...] = ()
    higher_is_worse: bool = True
    loinc_panel: str = ""
    loinc_total: str = ""
    licence: str = ""  # "Public domain", "Free to use; copyright Pfizer Inc." ...
    citation: str = ""
    missing_rule: str = ""  # in words: what happens with unanswered items
    completed_by: str = "client"  # "client" or "clinician" (C-SSRS is clinician-administered)
    rules_version: str = "1"  # stored with every score; bump when scoring rules change
    wording_shipped: bool = True  # False: a practice loads licensed wording from a data file
    copyright: str = ""  # the copyright line shown with the wording, when there is one
    extra: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    @property
    def clinician_administered(self) -> bool:
        """The clinician asks each question and records the answer (it is never sent by
        link)."""
        return self.completed_by == "clinician"
