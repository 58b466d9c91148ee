from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "caseload.clients"
    label = "clients"
    verbose_name = "Clients"
