from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "caseload.privacy"
    label = "privacy"
    verbose_name = "Privacy and legal duties"

    def ready(self) -> None:
        from caseload.accounts.models import Role
        from caseload.core.registry import (
            ClientTab,
            NavLink,
            register_client_tab,
            register_nav_link,
        )
        from caseload.privacy import portal  # noqa: F401 - registers the link handlers

        register_client_tab(
            ClientTab(label=_("Privacy"), url_name="privacy:client", part="clinical", order=80)
        )
        clinical = frozenset({Role.CLINICIAN, Role.SUPERVISOR})
        register_nav_link(
            NavLink(
                label=_("Mandatory reports"),
                url_name="privacy:reports",
                roles=clinical | {Role.PRIVACY_OFFICER},
                order=60,
            )
        )
        register_nav_link(
            NavLink(
                label=_("Emergency access"),
                url_name="privacy:break_glass",
                roles=clinical,
                order=65,
            )
        )
        register_nav_link(
            NavLink(
                label=_("Privacy"),
                url_name="privacy:home",
                roles=frozenset({Role.PRIVACY_OFFICER}),
                order=50,
            )
        )
        register_nav_link(
            NavLink(
                label=_("Consent texts"),
                url_name="privacy:templates",
                roles=frozenset({Role.PRIVACY_OFFICER, Role.ADMIN}),
                order=70,
            )
        )
