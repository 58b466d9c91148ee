from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "caseload.notes"
    label = "notes"
    verbose_name = "Session notes"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from caseload.accounts.models import Role
        from caseload.core.registry import (
            ClientTab,
            NavLink,
            register_client_tab,
            register_nav_link,
        )
        from caseload.notes import caseload_signals, timeline_sources  # noqa: F401 (register)

        register_client_tab(ClientTab(_("Notes"), "notes:list", "clinical", order=20))
        register_client_tab(ClientTab(_("Timeline"), "clients:timeline", "clinical", order=10))
        clinical = frozenset({Role.CLINICIAN, Role.SUPERVISOR})
        register_nav_link(NavLink(_("My psychotherapy notes"), "notes:private", clinical, 40))
        register_nav_link(NavLink(_("Consistency"), "notes:consistency", clinical, 45))
        register_nav_link(
            NavLink(_("Co-sign"), "notes:cosign_queue", frozenset({Role.SUPERVISOR}), 35)
        )
        register_nav_link(
            NavLink(_("Note settings"), "notes:settings", frozenset({Role.ADMIN}), 50)
        )
