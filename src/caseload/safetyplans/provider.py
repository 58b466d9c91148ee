"""What the risk pages in `safety` need to know of a client's safety plan
(safety.plan_provider): whether there is one, and where to open it or make one."""

from django.db.models import Exists, OuterRef
from django.urls import reverse

from caseload.safety.plan_provider import SafetyPlanProvider
from caseload.safetyplans.models import SafetyPlanVersion


def _has_plan() -> Exists:
    return Exists(SafetyPlanVersion.objects.filter(client=OuterRef("pk")))


def _plan_url(client_id: int, has_plan: bool) -> str:
    return reverse("safetyplans:plan" if has_plan else "safetyplans:edit", args=[client_id])


SAFETY_PLAN_PROVIDER = SafetyPlanProvider(exists=_has_plan, url=_plan_url)
