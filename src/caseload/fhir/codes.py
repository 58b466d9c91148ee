"""The code systems and fixed codes caseload's FHIR resources use, in one place, so export
and import cannot drift apart.

FHIR version: R4. fhir.resources 8.3 ships R5 at the top level and R4B in
`fhir.resources.R4B`; it has no plain R4 package. R4B changed nothing in Questionnaire,
QuestionnaireResponse, Observation, Patient, Bundle or OperationOutcome that caseload uses,
so every resource is built and validated with the R4B models (docs/guide-fhir.md)."""

from fhir.resources.R4B import get_fhir_model_class

FHIR_JSON = "application/fhir+json"

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
# R4's extension for the numeric weight of an answer (R5 renamed it itemWeight).
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"

# caseload's own systems. They are URNs rather than web addresses because caseload is
# self-hosted and has no address of its own that every installation shares.
INSTRUMENT_SYSTEM = "urn:caseload:fhir:instrument"  # code: "phq9"
ANSWER_SYSTEM = "urn:caseload:fhir:answer-value"  # code: the answer's value, "0".."4"
BAND_SYSTEM = "urn:caseload:fhir:band"  # code: the band code, "moderate"

# The LOINC answer codes of the PHQ and GAD frequency answers, as LOINC lists them for
# the items of 44249-1 and 69737-5. Other answers are matched by their ordinalValue, a
# caseload answer code or their display text (docs/guide-fhir.md).
LOINC_ANSWERS = {
    "LA6568-5": (0, "Not at all"),
    "LA6569-3": (1, "Several days"),
    "LA6570-1": (2, "More than half the days"),
    "LA6571-9": (3, "Nearly every day"),
}

# The instruments POST /fhir imports (issue 3): their results are recognised by these
# codes. PHQ-2 shares its two items with PHQ-9; which of the two a set of item answers
# is, is decided in importing/results.py.
IMPORTED = ("phq2", "phq9", "gad7", "auditc")


def validated(resource: dict) -> dict:
    """`resource` checked against its FHIR R4(B) model; returns it unchanged. Everything
    caseload sends goes through here, so an invalid resource is a server error in tests,
    never a silently malformed answer to another system."""
    model = get_fhir_model_class(resource["resourceType"])
    model.model_validate(resource)
    return resource
