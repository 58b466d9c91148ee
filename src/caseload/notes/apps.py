from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "caseload.notes"
    label = "notes"
    verbose_name = "Session notes"
