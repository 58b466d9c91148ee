"""QuestionnaireResponse entries: items by linkId (caseload's item number or the item's
LOINC code); its `questionnaire` must name an imported instrument."""

from collections.abc import Iterator

from caseload.fhir import answers as reading
from caseload.fhir.codes import IMPORTED
from caseload.fhir.importing.dates import when
from caseload.fhir.importing.observations import add_total
from caseload.fhir.importing.patients import subject_or_refuse
from caseload.fhir.importing.plan import RESPONSE_DONE, Group
from caseload.measures import instruments
from caseload.measures.instruments.base import Instrument


def read_response(index, resource, references, groups, plan, client_system) -> None:
    definition = _questionnaire_instrument(resource)
    if definition is None:
        plan.refuse(index, _unknown_questionnaire(resource.get("questionnaire")))
        return
    if resource.get("status") not in RESPONSE_DONE:
        plan.refuse(index, f"QuestionnaireResponse status {resource.get('status')!r} is not final")
        return
    completed_at = when(resource.get("authored"))
    if completed_at is None:
        plan.refuse(index, "QuestionnaireResponse needs an 'authored' date to the day or finer")
        return
    subject = subject_or_refuse(index, resource, references, plan, client_system)
    if subject is None:
        return
    group = Group(family=definition.code, subject=subject, completed_at=completed_at, by_number={})
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
            add_total(group, plan, index, definition.loinc_total or "total", answers[0])
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
