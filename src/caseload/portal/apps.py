from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "caseload.portal"
    label = "portal"
    verbose_name = "Client links"
