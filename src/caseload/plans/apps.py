from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "caseload.plans"
    label = "plans"
    verbose_name = "Plans and agreements"
