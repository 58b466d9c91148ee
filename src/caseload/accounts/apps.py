from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "caseload.accounts"
    label = "accounts"
    verbose_name = "Staff and access"

    def ready(self) -> None:
        from caseload.accounts import signals  # noqa: F401  (login audit receivers)
