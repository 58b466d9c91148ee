from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "caseload.measures"
    label = "measures"
    verbose_name = "Measures"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from caseload.accounts.models import Role
        from caseload.core.registry import (
            ClientTab,
            NavLink,
            register_client_tab,
            register_nav_link,
        )
        from caseload.measures import caseload_signals, portal  # noqa: F401 - they register

        register_client_tab(ClientTab(_("Measures"), "measures:client", "clinical", order=30))
        register_nav_link(
            NavLink(_("Outcomes"), "measures:outcomes", frozenset({Role.SUPERVISOR}), order=50)
        )
