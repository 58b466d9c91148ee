from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "caseload.safety"
    label = "safety"
    verbose_name = "Safety"

    def ready(self) -> None:
        from caseload.accounts.models import Role
        from caseload.core.registry import (
            ClientBanner,
            ClientTab,
            NavLink,
            register_client_banner,
            register_client_tab,
            register_nav_link,
        )
        from caseload.safety import caseload_signals  # noqa: F401 - registers the badges
        from caseload.safety.banner import risk_banner_context

        # First of the banners: nothing on a client's page comes before their risk.
        register_client_banner(
            ClientBanner(
                key="risk",
                template="safety/_risk_banner.html",
                part="clinical",
                context=risk_banner_context,
                order=0,
            )
        )

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
        # Check-ins: their client tab and their client-link page.
        from caseload.safety import portal_pages  # noqa: F401 - registers the link page

        register_client_tab(ClientTab(_("Check-ins"), "safety:checkins", "clinical", order=54))
