from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "caseload.core"
    label = "core"
    verbose_name = "caseload core"
