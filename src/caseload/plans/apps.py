from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "caseload.plans"
    label = "plans"
    verbose_name = "Plans and agreements"

    def ready(self) -> None:
        # The caseload page's badges (clients/caseload.py's signal rules).
        from caseload.plans import caseload_signals  # noqa: F401
