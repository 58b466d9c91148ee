from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WellbeingConfig(AppConfig):
    name = "caseload.wellbeing"
    label = "wellbeing"
    verbose_name = "Professional wellbeing"

    def ready(self) -> None:
        from caseload.accounts.models import Role
        from caseload.core.registry import (
            ClientTab,
            NavLink,
            register_client_tab,
            register_nav_link,
        )

        professionals = frozenset({Role.CLINICIAN, Role.SUPERVISOR})
        register_nav_link(NavLink(_("Workload"), "wellbeing:workload", professionals, 60))
        register_nav_link(NavLink(_("Supervision"), "wellbeing:supervision", professionals, 62))
        register_nav_link(NavLink(_("My wellbeing"), "wellbeing:home", professionals, 63))
        register_nav_link(
            NavLink(
                _("Team wellbeing"), "wellbeing:team", frozenset({Role.SUPERVISOR, Role.ADMIN}), 64
            )
        )
        register_nav_link(
            NavLink(
                _("Assignment"), "wellbeing:assignment", frozenset({Role.INTAKE, Role.ADMIN}), 65
            )
        )
        register_nav_link(
            NavLink(_("Workload thresholds"), "wellbeing:settings", frozenset({Role.ADMIN}), 66)
        )
        register_client_tab(
            ClientTab(_("Contacts between sessions"), "wellbeing:contacts", "clinical", 80)
        )
