from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "caseload.privacy"
    label = "privacy"
    verbose_name = "Privacy and legal duties"
