from django.apps import AppConfig


class WellbeingConfig(AppConfig):
    name = "caseload.wellbeing"
    label = "wellbeing"
    verbose_name = "Professional wellbeing"
