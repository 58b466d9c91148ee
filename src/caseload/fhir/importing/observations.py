"""Observation entries: a total score, an item or a panel of an imported instrument,
grouped by instrument family, patient and effective time into one result."""

from functools import cache

from caseload.fhir import answers as reading
from caseload.fhir.codes import IMPORTED, LOINC
from caseload.fhir.importing.dates import when
from caseload.fhir.importing.patients import subject_or_refuse
from caseload.fhir.importing.plan import OBSERVATION_DONE, Group, Plan
from caseload.measures import instruments


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


def read_observation(index, resource, references, groups, plan, client_system) -> None:
    code = _imported_code(index, resource, plan)
    if code is None:
        return
    completed_at = when(_effective(resource))
    if completed_at is None:
        plan.refuse(index, "Observation needs an effectiveDateTime to the day or finer")
        return
    subject = subject_or_refuse(index, resource, references, plan, client_system)
    if subject is None:
        return
    _read_values(index, resource, code, subject, completed_at, groups, plan)


def _imported_code(index: int, resource: dict, plan: Plan) -> str | None:
    """The Observation's first LOINC code of an imported instrument; None, with the
    entry refused or set aside, when there is none to read."""
    panels, totals, items = _codes()
    codes = _loinc_codes(resource.get("code"))
    known = [code for code in codes if code in panels or code in totals or code in items]
    if not known:
        _set_aside_unknown(index, codes, plan)
        return None
    if known[0] in _shared_items():
        # PHQ-9's and GAD-7's difficulty item have one code: on its own it cannot say
        # which result it belongs to. It is recorded, not scored, so leaving it out
        # changes no total, band or flag; in a panel's components it is kept.
        plan.ignored[index] = f"item {known[0]} belongs to more than one instrument"
        return None
    if resource.get("status") == "entered-in-error":
        plan.ignored[index] = "entered in error"
        return None
    return known[0]


def _set_aside_unknown(index: int, codes: list[str], plan: Plan) -> None:
    other = [_not_imported_codes()[code] for code in codes if code in _not_imported_codes()]
    if other:
        # A result of an instrument caseload knows (C-SSRS: a suicide risk screen) must
        # not pass as "not imported" inside a 200 (H-072).
        plan.refuse(
            index,
            f"{other[0]} results are not imported (only PHQ-2, PHQ-9, GAD-7 and AUDIT-C): "
            "enter them in caseload",
        )
    else:
        plan.ignored[index] = "not a PHQ-2, PHQ-9, GAD-7 or AUDIT-C code"


def _effective(resource: dict):
    return (
        resource.get("effectiveDateTime")
        or resource.get("effectiveInstant")
        or (resource.get("effectivePeriod") or {}).get("start")
        or resource.get("issued")
    )


def _read_values(index, resource, code, subject, completed_at, groups, plan) -> None:
    panels, totals, items = _codes()
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


def _group(groups, family, subject, completed_at) -> Group:
    key = (family, subject, completed_at)
    if key not in groups:
        groups[key] = Group(family=family, subject=subject, completed_at=completed_at)
    return groups[key]


def _add_value(group, plan, index, code, holder: dict, panels, totals) -> None:
    """One coded value (an Observation or a component) into the group."""
    if code in panels:
        group.named.add(panels[code])
        return
    if code in totals:
        group.named.add(totals[code])
        add_total(group, plan, index, code, holder)
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


def add_total(group, plan, index, code, holder: dict) -> None:
    total = reading.total_number(holder)
    if total is None:
        plan.refuse(
            index,
            f"the total {code} has no readable number ({reading.shown_value(holder)}): send "
            "valueInteger, valueDecimal or valueQuantity",
        )
    else:
        group.totals.append((index, total))
