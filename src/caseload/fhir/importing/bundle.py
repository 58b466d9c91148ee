"""A Bundle read entry by entry into a plan: each entry checked against its R4 model,
Patients first so that the results can point at them, then each result finished."""

from collections.abc import Iterator

from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError as PydanticError

from caseload.fhir.importing.observations import read_observation
from caseload.fhir.importing.patients import read_patients
from caseload.fhir.importing.plan import (
    BUNDLE_TYPES,
    MAX_ENTRIES,
    READ_TYPES,
    BundleRefused,
    Group,
    Plan,
)
from caseload.fhir.importing.responses import read_response
from caseload.fhir.importing.results import finish


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
    references = read_patients(valid, plan, client_system)
    groups: dict[tuple, Group] = {}
    for index, _, resource in valid:
        if resource["resourceType"] == "Observation":
            read_observation(index, resource, references, groups, plan, client_system)
        elif resource["resourceType"] == "QuestionnaireResponse":
            read_response(index, resource, references, groups, plan, client_system)
    for group in groups.values():
        finish(group, plan)
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
