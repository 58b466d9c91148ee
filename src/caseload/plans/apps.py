from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "caseload.plans"
    label = "plans"
    verbose_name = "Plans and agreements"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from caseload.core.contact_policy import register_policy_provider
        from caseload.core.registry import (
            ClientTab,
            OverviewPanel,
            register_client_tab,
            register_overview_panel,
        )
        from caseload.plans import caseload_signals, portal_pages  # noqa: F401 - registers
        from caseload.plans.contact import agreement_policy
        from caseload.plans.overview import overview_context
        from caseload.plans.timeline_sources import register as register_timeline

        register_policy_provider(agreement_policy)
        register_timeline()
        register_overview_panel(
            OverviewPanel(
                key="plans",
                template="plans/_overview.html",
                part="clinical",
                context=overview_context,
                order=20,
            )
        )
        register_client_tab(ClientTab(_("Plan"), "plans:plan", "clinical", order=30))
        register_client_tab(ClientTab(_("Agreement"), "plans:agreement", "clinical", order=31))
        register_client_tab(ClientTab(_("Feedback"), "plans:feedback", "clinical", order=32))
