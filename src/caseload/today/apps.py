from django.apps import AppConfig


class TodayConfig(AppConfig):
    name = "caseload.today"
    verbose_name = "Home pages"
