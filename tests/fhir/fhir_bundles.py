"""Bundles shaped as Synthea and other EHRs send them (synthetic people only), and checks
that what caseload sends is valid FHIR R4 (the fhir.resources R4B models)."""

from fhir.resources.R4B import get_fhir_model_class

LOINC = "http://loinc.org"
SYNTHEA = "https://github.com/synthetichealth/synthea"
WHEN = "2025-03-04T10:30:00+00:00"

# Answer display and LOINC answer code, by value, for the PHQ/GAD frequency items.
FREQUENCY = {
    0: ("LA6568-5", "Not at all"),
    1: ("LA6569-3", "Several days"),
    2: ("LA6570-1", "More than half the days"),
    3: ("LA6571-9", "Nearly every day"),
}
PHQ9_ITEMS = [
    "44250-9",
    "44255-8",
    "44259-0",
    "44254-1",
    "44251-7",
    "44258-2",
    "44252-5",
    "44253-3",
    "44260-8",
]
GAD7_ITEMS = ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"]


def valid(resource: dict) -> dict:
    """`resource`, after checking it against its R4B model (raises when invalid)."""
    get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    return resource


def patient(uuid: str = "p-1", *, name=("Riley", "Example"), gender="female", born="1984-05-06"):
    return {
        "fullUrl": f"urn:uuid:{uuid}",
        "resource": {
            "resourceType": "Patient",
            "id": uuid,
            "identifier": [{"system": SYNTHEA, "value": uuid}],
            "name": [{"use": "official", "given": [name[0]], "family": name[1]}],
            "gender": gender,
            "birthDate": born,
        },
        "request": {"method": "POST", "url": "Patient"},
    }


def answer_concept(value: int) -> dict:
    code, display = FREQUENCY[value]
    return {"coding": [{"system": LOINC, "code": code, "display": display}], "text": display}


def observation(code: str, subject: str, *, when=WHEN, **value) -> dict:
    resource = {
        "resourceType": "Observation",
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "survey",
                    }
                ]
            }
        ],
        "code": {"coding": [{"system": LOINC, "code": code}]},
        "subject": {"reference": subject},
        "effectiveDateTime": when,
        **value,
    }
    return {"fullUrl": f"urn:uuid:obs-{code}-{subject}-{when}", "resource": resource}


def score(total: int) -> dict:
    return {
        "valueQuantity": {
            "value": total,
            "unit": "{score}",
            "system": "http://unitsofmeasure.org",
            "code": "{score}",
        }
    }


def panel(panel_code: str, item_codes, answers, subject: str, *, total_code=None, when=WHEN):
    """One panel Observation with an item per component (LOINC answer codes), and the
    total as a further component when `total_code` is given: Synthea's shape."""
    components = [
        {
            "code": {"coding": [{"system": LOINC, "code": code}]},
            "valueCodeableConcept": answer_concept(value),
        }
        for code, value in zip(item_codes, answers, strict=True)
    ]
    if total_code:
        components.append(
            {"code": {"coding": [{"system": LOINC, "code": total_code}]}, **score(sum(answers))}
        )
    return observation(panel_code, subject, when=when, component=components)


def phq9_panel(answers, subject="urn:uuid:p-1", when=WHEN):
    return panel("44249-1", PHQ9_ITEMS, answers, subject, total_code="44261-6", when=when)


def gad7_panel(answers, subject="urn:uuid:p-1", when=WHEN):
    return panel("69737-5", GAD7_ITEMS, answers, subject, total_code="70274-6", when=when)


def item_observations(item_codes, answers, subject="urn:uuid:p-1", *, total_code=None, when=WHEN):
    """One Observation per item (valueCodeableConcept) and a total Observation."""
    found = [
        observation(code, subject, when=when, valueCodeableConcept=answer_concept(value))
        for code, value in zip(item_codes, answers, strict=True)
    ]
    if total_code:
        found.append(observation(total_code, subject, when=when, **score(sum(answers))))
    return found


def bundle(*entries, kind="transaction") -> dict:
    return {"resourceType": "Bundle", "type": kind, "entry": list(entries)}
