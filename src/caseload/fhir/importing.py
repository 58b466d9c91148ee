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
  code), answers as valueCoding or valueInteger.
A total without its items is refused: caseload scores every result from its answers, and
a PHQ-9 total cannot say whether item 9 (thoughts of self-harm) was above 0."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache

from django.utils import timezone
from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError as PydanticError

from caseload.core import clock
from caseload.fhir.codes import ANSWER_SYSTEM, IMPORTED, LOINC, LOINC_ANSWERS, ORDINAL_VALUE
from caseload.measures import instruments, scoring
from caseload.measures.instruments.base import Instrument, Item
from caseload.measures.result import ScoringError
from caseload.measures.services import FUTURE_TOLERANCE

BUNDLE_TYPES = ("transaction", "collection")
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


@dataclass
class Plan:
    patients: dict[int, PatientIn] = field(default_factory=dict)
    results: list[ResultIn] = field(default_factory=list)
    ignored: dict[int, str] = field(default_factory=dict)
    errors: list[tuple[int, str]] = field(default_factory=list)

    def refuse(self, index: int, message: str) -> None:
        self.errors.append((index, message))


@dataclass
class _Group:
    """The Observations (or one QuestionnaireResponse) that make one result."""

    family: str
    subject: tuple[str, int]
    completed_at: datetime
    indexes: list[int] = field(default_factory=list)
    answers: dict[str, tuple[int, object]] = field(default_factory=dict)  # LOINC -> (entry, value)
    named: set[str] = field(default_factory=set)  # instruments named by panel or total codes
    totals: list[tuple[int, float]] = field(default_factory=list)
    by_number: dict[int, object] | None = None  # QuestionnaireResponse answers by item number


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
    transaction or collection Bundle; entry problems are collected in `Plan.errors`."""
    if not isinstance(body, dict) or body.get("resourceType") != "Bundle":
        raise BundleRefused("The body must be a FHIR Bundle (resourceType 'Bundle').")
    if body.get("type") not in BUNDLE_TYPES:
        raise BundleRefused("Only 'transaction' and 'collection' Bundles are imported.")
    entries = body.get("entry") or []
    if not isinstance(entries, list) or len(entries) > MAX_ENTRIES:
        raise BundleRefused(f"Bundle.entry must be a list of at most {MAX_ENTRIES} entries.")
    plan = Plan()
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


def _read_observation(index, resource, references, groups, plan, client_system) -> None:
    panels, totals, items = _codes()
    codes = _loinc_codes(resource.get("code"))
    known = [code for code in codes if code in panels or code in totals or code in items]
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
    if resource.get("status") not in OBSERVATION_DONE:
        plan.refuse(index, f"Observation status {resource.get('status')!r} is not a final result")
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
    group.indexes.append(index)
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
        total = _number(holder)
        if total is None:
            plan.refuse(index, f"the total {code} has no numeric value")
        else:
            group.totals.append((index, total))
        return
    value = _value(holder)
    if code in group.answers and group.answers[code][1] != value:
        plan.refuse(index, f"item {code} is given twice with different answers")
        return
    group.answers[code] = (index, value)


def _number(holder: dict) -> float | None:
    if "valueInteger" in holder:
        return holder["valueInteger"]
    quantity = holder.get("valueQuantity") or {}
    return quantity.get("value")


def _value(holder: dict):
    """An answer as given: a number, or the coding(s) to be matched to an option later."""
    if "valueInteger" in holder:
        return holder["valueInteger"]
    if "valueDecimal" in holder:
        return holder["valueDecimal"]
    if "valueQuantity" in holder:
        return (holder["valueQuantity"] or {}).get("value")
    if "valueCoding" in holder:
        return ("codings", (holder["valueCoding"],), "")
    if "valueCodeableConcept" in holder:
        concept = holder["valueCodeableConcept"] or {}
        return ("codings", tuple(concept.get("coding") or ()), concept.get("text") or "")
    return None


def _option_value(item: Item, given):
    """The item's option value for an answer as given; raises ValueError if none fits."""
    if given is None:
        return None
    if isinstance(given, int | float) and not isinstance(given, bool):
        if float(given).is_integer() and any(o.value == int(given) for o in item.options):
            return int(given)
        raise ValueError(f"{given!r} is not one of its answer values")
    _, codings, text = given
    for coding in codings:
        found = _coding_value(item, coding)
        if found is not None:
            return found
    labels = [coding.get("display") or "" for coding in codings] + [text]
    for label in labels:
        for option in item.options:
            if label and label.strip().lower() == option.label.lower():
                return option.value
    shown = ", ".join(f"{c.get('system')}|{c.get('code')}" for c in codings) or text
    raise ValueError(f"the answer {shown} is not one of its answers")


def _coding_value(item: Item, coding: dict) -> int | None:
    values = {option.value: option.label.lower() for option in item.options}
    for extension in coding.get("extension") or []:
        weight = extension.get("valueDecimal")
        if extension.get("url") == ORDINAL_VALUE and weight in values:
            return int(weight)
    code = str(coding.get("code") or "")
    if coding.get("system") == ANSWER_SYSTEM and code.lstrip("-").isdigit():
        return int(code) if int(code) in values else None
    if coding.get("system") == LOINC and code in LOINC_ANSWERS:
        value, label = LOINC_ANSWERS[code]
        # Only where the item's answer with that value has the same words: the LA code
        # belongs to the PHQ/GAD frequency list, not to every 0-3 answer.
        return value if values.get(value) == label.lower() else None
    return None


def _read_response(index, resource, references, groups, plan, client_system) -> None:
    definition = _questionnaire_instrument(resource)
    if definition is None:
        plan.ignored[index] = "not a PHQ-2, PHQ-9, GAD-7 or AUDIT-C questionnaire"
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
    if link == definition.loinc_total:
        total = _number(answers[0]) if answers else None
        if total is not None:
            group.totals.append((index, total))
        return
    number = _item_number(definition, link)
    if number is None:
        if answers:
            plan.refuse(index, f"linkId {link!r} is not an item of {definition.name}")
        return
    if len(answers) > 1:
        plan.refuse(index, f"linkId {link!r} has more than one answer")
        return
    group.by_number[number] = _value(answers[0]) if answers else None


def _item_number(definition: Instrument, link: str) -> int | None:
    for item in definition.items:
        if link in (str(item.number), f"{definition.code}-{item.number}", item.loinc):
            return item.number
    return None


def _finish(group: _Group, plan: Plan) -> None:
    """The group's instrument, answers in item order, and the engine's check."""
    first = group.indexes[0]
    where = f"entries {', '.join(map(str, group.indexes))}" if len(group.indexes) > 1 else ""
    try:
        definition = _group_instrument(group)
        answers = _answers(group, definition)
        context = {"sex": _sex(group, plan)} if definition.code == "auditc" else None
        score = scoring.score(definition.code, answers, context=context)
    except (ValueError, ScoringError) as error:
        plan.refuse(first, f"{str(error)}{f' ({where})' if where else ''}")
        return
    for index, total in group.totals:
        if score.total is not None and float(total) != float(score.total):
            plan.refuse(
                index,
                f"the {definition.name} total given ({_plain(total)}) does not match the "
                f"total of its item answers ({_plain(score.total)})",
            )
            return
    if group.completed_at > clock.now() + FUTURE_TOLERANCE:
        plan.refuse(first, f"the {definition.name} result is dated in the future")
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


def _answers(group: _Group, definition: Instrument) -> list:
    if group.by_number is not None:
        given = group.by_number
    else:
        numbers = {item.loinc: item.number for item in definition.items if item.loinc}
        stray = [code for code in group.answers if code not in numbers]
        if stray:
            raise ValueError(f"item code {stray[0]} is not an item of {definition.name}")
        given = {numbers[code]: value for code, (_, value) in group.answers.items()}
    if not any(value is not None for value in given.values()):
        raise ValueError(
            f"a {definition.name} total without its item answers cannot be imported: "
            "caseload scores every result from its answers (send the item Observations, "
            "components or a QuestionnaireResponse)"
        )
    answers = []
    for item in definition.items:
        try:
            answers.append(_option_value(item, given.get(item.number)))
        except ValueError as error:
            raise ValueError(f"{definition.name} item {item.number}: {error}") from None
    return answers


def _sex(group: _Group, plan: Plan) -> str | None:
    kind, number = group.subject
    patient = plan.patients.get(number) if kind == "entry" else None
    return patient.sex if patient else None
