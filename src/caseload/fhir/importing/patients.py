"""Patient entries, and the subject references that point an Observation or a
QuestionnaireResponse at a Patient of the Bundle or a client of this installation."""

from datetime import date

from caseload.fhir.importing.plan import PatientIn, Plan


def read_patients(valid, plan: Plan, client_system: str) -> dict[str, tuple[str, int]]:
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


def subject_or_refuse(index, resource, references, plan, client_system):
    subject = _subject(resource, references, client_system)
    if subject is None:
        plan.refuse(
            index,
            "its subject does not point to a Patient in this Bundle (by fullUrl, "
            "Patient/id or identifier), nor to a client of this installation",
        )
    return subject
