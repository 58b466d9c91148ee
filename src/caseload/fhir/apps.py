from django.apps import AppConfig


class FhirConfig(AppConfig):
    name = "caseload.fhir"
    label = "fhir"
    verbose_name = "FHIR"
