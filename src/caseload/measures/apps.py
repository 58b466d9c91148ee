from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "caseload.measures"
    label = "measures"
    verbose_name = "Measures"

    def ready(self) -> None:
        # The caseload page's badges (clients/caseload.py's signal rules).
        from caseload.measures import caseload_signals  # noqa: F401
