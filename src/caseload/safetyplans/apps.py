from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyPlansConfig(AppConfig):
    name = "caseload.safetyplans"
    label = "safetyplans"
    verbose_name = "Safety plans"

    def ready(self) -> None:
        from django.db.models import Exists, OuterRef
        from django.urls import reverse

        from caseload.core.registry import ClientTab, register_client_tab
        from caseload.safety.plan_provider import (
            SafetyPlanProvider,
            register_safety_plan_provider,
        )
        from caseload.safetyplans import portal_pages  # noqa: F401 - registers the link page
        from caseload.safetyplans.models import SafetyPlanVersion

        register_client_tab(ClientTab(_("Safety plan"), "safetyplans:plan", "clinical", order=52))
        # The risk banner links to the plan, or to making one (safety.plan_provider).
        register_safety_plan_provider(
            SafetyPlanProvider(
                exists=lambda: Exists(SafetyPlanVersion.objects.filter(client=OuterRef("pk"))),
                url=lambda client_id, has_plan: reverse(
                    "safetyplans:plan" if has_plan else "safetyplans:edit", args=[client_id]
                ),
            )
        )
