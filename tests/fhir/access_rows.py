"""The FHIR endpoints' rows in the authorization matrix (tests/accounts/test_access_matrix.py).

Bearer tokens as for the REST API. A client's results (the Patient compartment searches)
go through the door at the clinical part: the care team and the treating clinician's
supervisor; intake and admin 403; everyone else 404. The type-level searches are called
without `?patient=` here (the matrix cannot add a query string): 400 for the clinical
roles, 403 for the others. Importing records clinical data: clinicians and supervisors;
each one imports a new patient (they become its primary clinician)."""

from matrix import API_CLINICAL, DENIED, NO_TOKEN, OK, row

FHIR_CLINICAL = API_CLINICAL
NEEDS_PATIENT = row(NO_TOKEN, default=400, intake=DENIED, admin=DENIED, privacy_officer=DENIED)

API_ROWS = {
    ("fhir:questionnaire", "get"): row(NO_TOKEN, default=OK),  # no client data
    ("fhir:questionnaire_responses", "get"): NEEDS_PATIENT,
    ("fhir:observations", "get"): NEEDS_PATIENT,
    ("fhir:patient_questionnaire_responses", "get"): FHIR_CLINICAL,
    ("fhir:patient_observations", "get"): FHIR_CLINICAL,
    ("fhir:transaction", "post"): row(
        NO_TOKEN, default=OK, intake=DENIED, admin=DENIED, privacy_officer=DENIED
    ),
    ("fhir_transaction", "post"): row(
        NO_TOKEN, default=OK, intake=DENIED, admin=DENIED, privacy_officer=DENIED
    ),
}

_ITEMS = ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5"]
API_BODIES = {
    "fhir:transaction": {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {
                "fullUrl": "urn:uuid:matrix-patient",
                "resource": {
                    "resourceType": "Patient",
                    "identifier": [{"system": "urn:example:matrix", "value": "1"}],
                    "name": [{"given": ["Matrix"], "family": "Person"}],
                    "birthDate": "1990-01-01",
                },
            },
            {
                "resource": {
                    "resourceType": "Observation",
                    "status": "final",
                    "code": {"coding": [{"system": "http://loinc.org", "code": "44249-1"}]},
                    "subject": {"reference": "urn:uuid:matrix-patient"},
                    "effectiveDateTime": "2025-01-01T09:00:00+00:00",
                    "component": [
                        {
                            "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
                            "valueInteger": 1,
                        }
                        for code in [*_ITEMS, "44253-3", "44260-8"]
                    ],
                },
            },
        ],
    },
}
# The slashless contract path takes the same Bundle.
API_BODIES["fhir_transaction"] = API_BODIES["fhir:transaction"]
KWARGS = {"instrument": "fhir_instrument"}


def world_extras(world) -> dict:
    return {"fhir_instrument": "phq9"}
