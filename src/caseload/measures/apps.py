from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "caseload.measures"
    label = "measures"
    verbose_name = "Measures"
