from django.apps import AppConfig


class SafetyPlansConfig(AppConfig):
    name = "caseload.safetyplans"
    label = "safetyplans"
    verbose_name = "Safety plans"
