from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "caseload.safety"
    label = "safety"
    verbose_name = "Safety"

    def ready(self) -> None:
        from caseload.accounts.models import Role
        from caseload.core.registry import (
            ClientTab,
            NavLink,
            register_client_tab,
            register_nav_link,
        )
        from caseload.safety import caseload_signals  # noqa: F401 - registers the badges

        register_client_tab(ClientTab(_("Safety"), "safety:client", "clinical", order=50))
        register_nav_link(
            NavLink(
                _("My tasks"),
                "safety:tasks",
                frozenset({Role.CLINICIAN, Role.SUPERVISOR}),
                order=20,
            )
        )
        register_nav_link(
            NavLink(_("Practice settings"), "safety:practice_settings", frozenset({Role.ADMIN}))
        )
        # Safety plans and check-ins (S2): their client tabs and their client-link pages.
        from caseload.safety import portal_pages  # noqa: F401 - registers the link pages

        register_client_tab(ClientTab(_("Safety plan"), "safetyplans:plan", "clinical", order=52))
        register_client_tab(
            ClientTab(_("Check-ins"), "safetyplans:checkins", "clinical", order=54)
        )
