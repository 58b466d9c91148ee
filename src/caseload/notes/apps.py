from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "caseload.notes"
    label = "notes"
    verbose_name = "Session notes"

    def ready(self) -> None:
        # The caseload page's badges (clients/caseload.py's signal rules).
        from caseload.notes import caseload_signals  # noqa: F401
