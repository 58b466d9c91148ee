from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "caseload.safety"
    label = "safety"
    verbose_name = "Safety"

    def ready(self) -> None:
        # The caseload page's badges (clients/caseload.py's signal rules).
        from caseload.safety import caseload_signals  # noqa: F401
