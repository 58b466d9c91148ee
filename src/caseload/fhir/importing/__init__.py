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
entries fail is decided in services.py.

One module per step: plan.py (what reading produces), bundle.py (the entries),
patients.py, observations.py, responses.py and results.py (scoring each result)."""

from caseload.fhir.importing.bundle import read_bundle
from caseload.fhir.importing.plan import BundleRefused, PatientIn, Plan, ResultIn

__all__ = ["BundleRefused", "PatientIn", "Plan", "ResultIn", "read_bundle"]
