"""The extension point through which the risk pages learn about a client's safety plan.

Safety plans live in the safetyplans app, which stands above safety and may import it;
safety may not import safetyplans. What the risk banner and the client-link pages need
(does the client have a plan, where to open it or make one) is declared here, and
caseload/composition.py names safetyplans' provider (SAFETY_PLAN_PROVIDER)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists

from caseload.core.composition import composed


@dataclass(frozen=True)
class SafetyPlanProvider:
    # An Exists over OuterRef("pk") of clients: true when the client has a plan. An
    # expression, not a function of one client, so it joins the banner's one query.
    exists: Callable[[], Exists]
    # (client_id, has_plan) -> the URL of the plan, or of the page that makes one.
    url: Callable[[int, bool], str]


def safety_plan_provider() -> SafetyPlanProvider | None:
    """The composition's provider, or None when no app keeps safety plans."""
    return composed("SAFETY_PLAN_PROVIDER")
