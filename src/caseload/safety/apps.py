from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "caseload.safety"
    label = "safety"
    verbose_name = "Safety"
