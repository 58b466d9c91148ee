"""What reading a Bundle produces: the plan of patients and results to import, with
every problem collected by entry index, and the group of entries that make one result."""

from dataclasses import dataclass, field
from datetime import date, datetime

from caseload.fhir import answers as reading

BUNDLE_TYPES = ("transaction", "collection", "batch")
READ_TYPES = ("Patient", "Observation", "QuestionnaireResponse")
OBSERVATION_DONE = ("final", "amended", "corrected")
RESPONSE_DONE = ("completed", "amended")
MAX_ENTRIES = 10_000  # one request; a bigger export is sent as several Bundles


class BundleRefused(Exception):
    """The request is not an importable Bundle at all (not per entry)."""


@dataclass
class PatientIn:
    index: int
    identifiers: list[tuple[str, str]]
    legal_name: str
    date_of_birth: date | None
    sex: str | None  # "female", "male" or None: the AUDIT-C threshold context
    client_id: int | None = None  # set when it names a client of this installation


@dataclass
class ResultIn:
    indexes: list[int]
    subject: tuple[str, int]  # ("entry", patient entry index) or ("client", client id)
    instrument: str
    answers: list
    completed_at: datetime
    context: dict
    reported_total: float | None = None  # a total without item answers (answers == [])


@dataclass
class Plan:
    patients: dict[int, PatientIn] = field(default_factory=dict)
    results: list[ResultIn] = field(default_factory=list)
    ignored: dict[int, str] = field(default_factory=dict)
    errors: list[tuple[int, str]] = field(default_factory=list)
    batch: bool = False  # each entry stands or falls on its own (services.py)

    def refuse(self, index: int, message: str) -> None:
        self.errors.append((index, message))


@dataclass
class Group:
    """The Observations (or one QuestionnaireResponse) that make one result."""

    family: str
    subject: tuple[str, int]
    completed_at: datetime
    indexes: list[int] = field(default_factory=list)
    # LOINC item code -> (entry, answer); None for an item sent without a value
    answers: dict[str, tuple[int, reading.Given | None]] = field(default_factory=dict)
    named: set[str] = field(default_factory=set)  # instruments named by panel or total codes
    totals: list[tuple[int, float]] = field(default_factory=list)
    # QuestionnaireResponse answers by item number, as (entry, answer)
    by_number: dict[int, tuple[int, reading.Given | None]] | None = None
