"""Reading an incoming Bundle into a plan of what to import, without touching the
database: every entry is checked (against its fhir.resources R4B model, then against
caseload's instruments, scored with the engine) and every problem is collected with its
entry index, so that a malformed Bundle is refused whole with one message per bad entry
(services.fhir_bundle_import writes only a plan without errors).

The shapes read (docs/guide-fhir.md has the tables):
- Patient: identifiers, name, birthDate and gender (gender is the AUDIT-C context);
- Observation: a total score (LOINC total code), an item (LOINC item code) or a panel
  (LOINC panel code) whose components are items; Observations of one instrument family,
  one patient and one effective time are one result;
- QuestionnaireResponse: items by linkId (caseload's item number or the item's LOINC
  code), answers as answers.py reads them; its `questionnaire` must name an imported
  instrument.
Answers in an encoding caseload does not read are refused, never read as unanswered
(answers.py); an item given twice in one result is refused. A total without any item
answer is a reported total (stored with its band, "items not known"; a PHQ-9 raises an
alert to ask about item 9 in person). A `batch` Bundle is read the same way; which of its
entries fail is decided in services.py."""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache

from django.utils import timezone
from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError as PydanticError

from caseload.core import clock
from caseload.fhir import answers as reading
from caseload.fhir.codes import IMPORTED, LOINC
from caseload.measures import instruments, scoring
from caseload.measures.instruments.base import Instrument
from caseload.measures.result import ScoringError
from caseload.measures.services import FUTURE_TOLERANCE

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
    answers: list[int | None]
    completed_at: datetime
    context: Mapping[str, object]
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
class _Group:
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


def _family(code: str) -> str:
    return "phq" if code in ("phq2", "phq9") else code


@cache
def _codes() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """LOINC panel, total and item codes of the imported instruments -> instrument."""
    panels, totals, items = {}, {}, {}
    for code in IMPORTED:
        definition = instruments.get(code)
        panels[definition.loinc_panel] = code
        totals[definition.loinc_total] = code
        # PHQ-2's items are PHQ-9's first two: an item code names the family, and
        # _group_instrument decides which of the two it is.
        items.update({item.loinc: code for item in definition.items if item.loinc})
    return panels, totals, items


@cache
def _shared_items() -> frozenset[str]:
    """Item codes that more than one imported instrument family uses (the difficulty
    item, 69722-7, of PHQ-9 and GAD-7)."""
    families: dict[str, set[str]] = {}
    for code in IMPORTED:
        for item in instruments.get(code).items:
            if item.loinc:
                families.setdefault(item.loinc, set()).add(_family(code))
    return frozenset(loinc for loinc, found in families.items() if len(found) > 1)


def read_bundle(body, client_system: str) -> Plan:
    """The plan for `body` (parsed JSON). Raises BundleRefused when it is not a
    transaction, batch or collection Bundle, or holds JSON of a shape no reading
    expected (a wrong type deep inside, nesting too deep); entry problems are collected
    in `Plan.errors`."""
    if not isinstance(body, dict) or body.get("resourceType") != "Bundle":
        raise BundleRefused("The body must be a FHIR Bundle (resourceType 'Bundle').")
    if body.get("type") not in BUNDLE_TYPES:
        raise BundleRefused("Only 'transaction', 'batch' and 'collection' Bundles are imported.")
    entries = body.get("entry") or []
    if not isinstance(entries, list) or len(entries) > MAX_ENTRIES:
        raise BundleRefused(f"Bundle.entry must be a list of at most {MAX_ENTRIES} entries.")
    try:
        return _read_entries(entries, client_system, batch=body["type"] == "batch")
    except (TypeError, AttributeError, RecursionError) as error:
        # Every resource passed its R4 model first, so this is JSON of a type the model
        # coerced (a string for a number, a list for an object) or nested beyond reason:
        # a client error, answered 400, and nothing is written.
        raise BundleRefused(
            f"The Bundle holds a value of the wrong JSON type or nested too deeply "
            f"({type(error).__name__})."
        ) from None


def _read_entries(entries: list, client_system: str, *, batch: bool) -> Plan:
    plan = Plan(batch=batch)
    valid = list(_valid_entries(entries, plan))
    references = _read_patients(valid, plan, client_system)
    groups: dict[tuple, _Group] = {}
    for index, _, resource in valid:
        if resource["resourceType"] == "Observation":
            _read_observation(index, resource, references, groups, plan, client_system)
        elif resource["resourceType"] == "QuestionnaireResponse":
            _read_response(index, resource, references, groups, plan, client_system)
    for group in groups.values():
        _finish(group, plan)
    plan.errors.sort(key=lambda error: error[0])
    return plan


def _valid_entries(entries: list, plan: Plan) -> Iterator[tuple[int, str, dict]]:
    for index, entry in enumerate(entries):
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(resource, dict):
            plan.refuse(index, "the entry has no resource")
            continue
        kind = resource.get("resourceType")
        if kind not in READ_TYPES:
            plan.ignored[index] = f"{kind} resources are not imported"
            continue
        try:
            get_fhir_model_class(kind).model_validate(resource)
        except PydanticError as error:
            plan.refuse(index, f"{kind} is not valid FHIR R4: {_pydantic_message(error)}")
            continue
        yield index, str(entry.get("fullUrl") or ""), resource


def _pydantic_message(error: PydanticError) -> str:
    found = error.errors()
    parts = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in found[:3]]
    more = f" (and {len(found) - 3} more)" if len(found) > 3 else ""
    return "; ".join(parts) + more


def _read_patients(valid, plan: Plan, client_system: str) -> dict[str, tuple[str, int]]:
    """Each Patient entry read into the plan; returns what a subject reference may say to
    point at it (its fullUrl, Patient/<id>, or one of its identifiers as system|value)."""
    references: dict[str, tuple[str, int]] = {}
    for index, full_url, resource in valid:
        if resource["resourceType"] != "Patient":
            continue
        patient = _read_patient(index, resource, plan, client_system)
        if patient is None:
            continue
        plan.patients[index] = patient
        key = ("entry", index)
        for name in (full_url, f"Patient/{resource.get('id')}" if resource.get("id") else ""):
            if name:
                references[name] = key
        for system, value in patient.identifiers:
            references[f"{system}|{value}"] = key
    return references


def _read_patient(index: int, resource: dict, plan: Plan, client_system: str):
    identifiers = [
        (str(found["system"]), str(found["value"]))
        for found in resource.get("identifier") or []
        if found.get("system") and found.get("value")
    ]
    patient = PatientIn(
        index=index,
        identifiers=identifiers,
        legal_name=_name(resource),
        date_of_birth=_birth_date(resource.get("birthDate")),
        sex=resource.get("gender") if resource.get("gender") in ("female", "male") else None,
    )
    own = [value for system, value in identifiers if system == client_system]
    if own:
        patient.client_id = _client_number(own[0])
        if patient.client_id is None:
            plan.refuse(index, f"Patient identifier {client_system}|{own[0]} is not a client")
            return None
        return patient
    problems = []
    if not identifiers:
        problems.append("an identifier with a system and a value (to match it next time)")
    if not patient.legal_name:
        problems.append("a name")
    if patient.date_of_birth is None:
        problems.append("a full birthDate (YYYY-MM-DD)")
    if problems:
        plan.refuse(index, "Patient needs " + ", ".join(problems))
        return None
    return patient


def _client_number(value: str) -> int | None:
    return int(value) if value.isdigit() and 0 < int(value) < 2**63 else None


def _name(resource: dict) -> str:
    for name in resource.get("name") or []:
        if name.get("use") in ("old", "anonymous", "maiden"):
            continue
        words = [*(name.get("given") or []), name.get("family") or ""]
        text = " ".join(word for word in words if word).strip() or (name.get("text") or "")
        if text.strip():
            return text.strip()[:200]
    return ""


def _birth_date(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _when(value) -> datetime | None:
    """A FHIR dateTime or instant as an aware datetime; a bare date is midnight in the
    practice's time zone. Year or year-month only: None (too vague to date a result)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        if len(value) == 10:
            return timezone.make_aware(datetime.combine(date.fromisoformat(value), time()))
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else timezone.make_aware(moment)


def _subject(resource: dict, references, client_system: str) -> tuple[str, int] | None:
    subject = resource.get("subject") or {}
    reference = subject.get("reference")
    if reference in references:
        return references[reference]
    identifier = subject.get("identifier") or {}
    system, value = identifier.get("system"), identifier.get("value")
    if f"{system}|{value}" in references:
        return references[f"{system}|{value}"]
    if system == client_system and _client_number(str(value)) is not None:
        return ("client", int(value))
    return None


def _subject_or_refuse(index, resource, references, plan, client_system):
    subject = _subject(resource, references, client_system)
    if subject is None:
        plan.refuse(
            index,
            "its subject does not point to a Patient in this Bundle (by fullUrl, "
            "Patient/id or identifier), nor to a client of this installation",
        )
    return subject


def _loinc_codes(concept: dict | None) -> list[str]:
    return [
        coding["code"]
        for coding in (concept or {}).get("coding") or []
        if coding.get("system") == LOINC and coding.get("code")
    ]


@cache
def _not_imported_codes() -> dict[str, str]:
    """LOINC codes of caseload's other instruments (C-SSRS) -> the instrument's name."""
    found = {}
    for definition in instruments.all_instruments():
        if definition.code in IMPORTED:
            continue
        codes = {definition.loinc_panel, definition.loinc_total}
        codes |= {item.loinc for item in definition.items}
        found.update({code: definition.name for code in codes if code})
    return found


def _read_observation(index, resource, references, groups, plan, client_system) -> None:
    panels, totals, items = _codes()
    codes = _loinc_codes(resource.get("code"))
    known = [code for code in codes if code in panels or code in totals or code in items]
    other = [_not_imported_codes()[code] for code in codes if code in _not_imported_codes()]
    if not known and other:
        # A result of an instrument caseload knows (C-SSRS: a suicide risk screen) must
        # not pass as "not imported" inside a 200 (H-072).
        plan.refuse(
            index,
            f"{other[0]} results are not imported (only PHQ-2, PHQ-9, GAD-7 and AUDIT-C): "
            "enter them in caseload",
        )
        return
    if not known:
        plan.ignored[index] = "not a PHQ-2, PHQ-9, GAD-7 or AUDIT-C code"
        return
    if known[0] in _shared_items():
        # PHQ-9's and GAD-7's difficulty item have one code: on its own it cannot say
        # which result it belongs to. It is recorded, not scored, so leaving it out
        # changes no total, band or flag; in a panel's components it is kept.
        plan.ignored[index] = f"item {known[0]} belongs to more than one instrument"
        return
    if resource.get("status") == "entered-in-error":
        plan.ignored[index] = "entered in error"
        return
    completed_at = _when(
        resource.get("effectiveDateTime")
        or resource.get("effectiveInstant")
        or (resource.get("effectivePeriod") or {}).get("start")
        or resource.get("issued")
    )
    if completed_at is None:
        plan.refuse(index, "Observation needs an effectiveDateTime to the day or finer")
        return
    subject = _subject_or_refuse(index, resource, references, plan, client_system)
    if subject is None:
        return
    code = known[0]
    instrument = panels.get(code) or totals.get(code) or items[code]
    group = _group(groups, _family(instrument), subject, completed_at)
    # In the group before its status is checked, so that in a batch a refused item
    # fails its whole result rather than leaving the item out as unanswered.
    group.indexes.append(index)
    if resource.get("status") not in OBSERVATION_DONE:
        plan.refuse(index, f"Observation status {resource.get('status')!r} is not a final result")
        return
    _add_value(group, plan, index, code, resource, panels, totals)
    for component in resource.get("component") or []:
        for component_code in _loinc_codes(component.get("code"))[:1]:
            _add_value(group, plan, index, component_code, component, panels, totals)


def _group(groups, family, subject, completed_at) -> _Group:
    key = (family, subject, completed_at)
    if key not in groups:
        groups[key] = _Group(family=family, subject=subject, completed_at=completed_at)
    return groups[key]


def _add_value(group, plan, index, code, holder: dict, panels, totals) -> None:
    """One coded value (an Observation or a component) into the group."""
    if code in panels:
        group.named.add(panels[code])
        return
    if code in totals:
        group.named.add(totals[code])
        _add_total(group, plan, index, code, holder)
        return
    if code in group.answers:
        # Even the same answer twice: which one the sender meant cannot be told, and
        # keeping the last of a 2 and a 0 for item 9 would hide a risk answer (H-071).
        earlier = group.answers[code][0]
        plan.refuse(
            index, f"item {code} is given twice in one result (entries {earlier}, {index})"
        )
        return
    group.answers[code] = (index, reading.given(holder))


def _add_total(group, plan, index, code, holder: dict) -> None:
    total = reading.total_number(holder)
    if total is None:
        plan.refuse(
            index,
            f"the total {code} has no readable number ({reading.shown_value(holder)}): send "
            "valueInteger, valueDecimal or valueQuantity",
        )
    else:
        group.totals.append((index, total))


def _read_response(index, resource, references, groups, plan, client_system) -> None:
    definition = _questionnaire_instrument(resource)
    if definition is None:
        plan.refuse(index, _unknown_questionnaire(resource.get("questionnaire")))
        return
    if resource.get("status") not in RESPONSE_DONE:
        plan.refuse(index, f"QuestionnaireResponse status {resource.get('status')!r} is not final")
        return
    completed_at = _when(resource.get("authored"))
    if completed_at is None:
        plan.refuse(index, "QuestionnaireResponse needs an 'authored' date to the day or finer")
        return
    subject = _subject_or_refuse(index, resource, references, plan, client_system)
    if subject is None:
        return
    group = _Group(
        family=definition.code, subject=subject, completed_at=completed_at, by_number={}
    )
    group.indexes.append(index)
    group.named.add(definition.code)
    groups[("response", index)] = group
    for item in _flat_items(resource.get("item") or []):
        _add_response_item(group, plan, index, definition, item)


def _unknown_questionnaire(questionnaire) -> str:
    # A response that cannot be read must not pass as "not imported" inside a 200: it
    # may hold a risk answer (H-072).
    if not questionnaire:
        return (
            "QuestionnaireResponse has no 'questionnaire', so caseload cannot tell which "
            "instrument it answers (give .../Questionnaire/<code> or the LOINC panel code "
            "of PHQ-2, PHQ-9, GAD-7 or AUDIT-C)"
        )
    return (
        f"questionnaire {str(questionnaire)[:200]!r} is not one caseload imports (PHQ-2, "
        "PHQ-9, GAD-7 or AUDIT-C, named by .../Questionnaire/<code> or the LOINC panel code)"
    )


def _questionnaire_instrument(resource: dict) -> Instrument | None:
    """The instrument a QuestionnaireResponse answers: its `questionnaire` ends with
    Questionnaire/<caseload code> or names the LOINC panel code."""
    canonical = str(resource.get("questionnaire") or "").split("|")[0].rstrip("/")
    last = canonical.rsplit("/", 1)[-1]
    for code in IMPORTED:
        definition = instruments.get(code)
        if last in (definition.code, definition.loinc_panel):
            return definition
    return None


def _flat_items(items: list) -> Iterator[dict]:
    for item in items:
        yield item
        yield from _flat_items(item.get("item") or [])
        for answer in item.get("answer") or []:
            yield from _flat_items(answer.get("item") or [])


def _add_response_item(group, plan, index, definition, item) -> None:
    link = str(item.get("linkId") or "").lstrip("/")
    answers = item.get("answer") or []
    if link in (definition.loinc_total, "total"):
        if len(answers) > 1:
            plan.refuse(index, f"the total (linkId {link!r}) has more than one answer")
        elif answers:
            _add_total(group, plan, index, definition.loinc_total or "total", answers[0])
        return
    number = _item_number(definition, link)
    if number is None:
        if answers:
            plan.refuse(index, f"linkId {link!r} is not an item of {definition.name}")
        return
    if number in group.by_number:
        plan.refuse(index, f"{definition.name} item {number} is given twice (linkId {link!r})")
        return
    if len(answers) > 1:
        plan.refuse(index, f"linkId {link!r} has more than one answer")
        return
    answer = reading.given(answers[0]) if answers else None
    if answers and answer is None:
        answer = reading.Given("unreadable", "an answer with no value")
    group.by_number[number] = (index, answer)


def _item_number(definition: Instrument, link: str) -> int | None:
    for item in definition.items:
        if link in (str(item.number), f"{definition.code}-{item.number}", item.loinc):
            return item.number
    return None


def _finish(group: _Group, plan: Plan) -> None:
    """The group's instrument, answers in item order, and the engine's check."""
    first = group.indexes[0]
    where = f" (entries {', '.join(map(str, group.indexes))})" if len(group.indexes) > 1 else ""
    try:
        definition = _group_instrument(group)
        given = _given(group, definition)
    except ValueError as error:
        plan.refuse(first, f"{error}{where}")
        return
    if group.completed_at > clock.now() + FUTURE_TOLERANCE:
        plan.refuse(first, f"the {definition.name} result is dated in the future")
        return
    if not any(answer is not None for _, answer in given.values()):
        _finish_reported(group, definition, plan, where)
        return
    answers = _answers(definition, given, plan)
    if answers is None:
        return
    context = {"sex": _sex(group, plan)} if definition.code == "auditc" else None
    try:
        score = scoring.score(definition.code, answers, context=context)
    except ScoringError as error:
        plan.refuse(first, f"{error}{where}")
        return
    if _totals_disagree(group, definition, score.total, plan):
        return
    plan.results.append(
        ResultIn(
            indexes=group.indexes,
            subject=group.subject,
            instrument=definition.code,
            answers=answers,
            completed_at=group.completed_at,
            context=context or {},
        )
    )


def _totals_disagree(group: _Group, definition: Instrument, total, plan: Plan) -> bool:
    for index, stated in group.totals:
        if total is None or float(stated) != float(total):
            plan.refuse(
                index,
                f"the {definition.name} total given ({_plain(stated)}) does not match the "
                f"total of its item answers ({_plain(total) if total is not None else 'none'})",
            )
            return True
    return False


def _finish_reported(group: _Group, definition: Instrument, plan: Plan, where: str) -> None:
    """No item answered: the stated total is recorded as a reported total, or refused."""
    if not group.totals:
        plan.refuse(group.indexes[0], f"the {definition.name} has no answers and no total{where}")
        return
    index, total = group.totals[0]
    for other, stated in group.totals[1:]:
        if float(stated) != float(total):
            plan.refuse(other, f"the {definition.name} totals given disagree{where}")
            return
    try:
        scoring.score_reported_total(definition.code, total)
    except ScoringError as error:
        plan.refuse(index, f"{error}{where}")
        return
    plan.results.append(
        ResultIn(
            indexes=group.indexes,
            subject=group.subject,
            instrument=definition.code,
            answers=[],
            completed_at=group.completed_at,
            context={},
            reported_total=total,
        )
    )


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _group_instrument(group: _Group) -> Instrument:
    if len(group.named) > 1:
        names = " and ".join(sorted(instruments.get(code).name for code in group.named))
        raise ValueError(f"the codes name both {names} for one patient at one time")
    if group.named:
        return instruments.get(next(iter(group.named)))
    if group.family != "phq":
        return instruments.get(group.family)
    phq2 = {item.loinc for item in instruments.get("phq2").items}
    # Only PHQ-2's two item codes and no panel or total: a PHQ-2 (a PHQ-9 would have more).
    return instruments.get("phq2" if set(group.answers) <= phq2 else "phq9")


def _given(group: _Group, definition: Instrument) -> dict[int, tuple[int, reading.Given | None]]:
    """The answers as sent, by item number, each with its entry index."""
    if group.by_number is not None:
        return group.by_number
    numbers = {item.loinc: item.number for item in definition.items if item.loinc}
    stray = [code for code in group.answers if code not in numbers]
    if stray:
        raise ValueError(f"item code {stray[0]} is not an item of {definition.name}")
    return {numbers[code]: found for code, found in group.answers.items()}


def _answers(definition: Instrument, given, plan: Plan) -> list | None:
    """Each item's option value (None when unanswered); None, with every unreadable
    answer refused at its own entry, when any cannot be read."""
    answers, readable = [], True
    for item in definition.items:
        index, answer = given.get(item.number, (None, None))
        try:
            answers.append(reading.option_value(item, answer))
        except ValueError as error:
            plan.refuse(index, f"{definition.name} item {item.number}: {error}")
            readable = False
    return answers if readable else None


def _sex(group: _Group, plan: Plan) -> str | None:
    kind, number = group.subject
    patient = plan.patients.get(number) if kind == "entry" else None
    return patient.sex if patient else None
