"""The contact policy the client's acknowledged expectations agreement sets, for the
boundaries log (caseload.core.contact_policy). Registered from PlansConfig.ready()."""

from caseload.core.contact_policy import ContactPolicy
from caseload.plans.selectors import acknowledged_agreement


def agreement_policy(client) -> ContactPolicy | None:
    """The policy of the newest acknowledged version, or None (the practice default then
    holds). An agreement not yet acknowledged sets nothing: it is not agreed."""
    agreement = acknowledged_agreement(client)
    if agreement is None:
        return None
    return ContactPolicy(
        days=frozenset(agreement.contact_days),
        start=agreement.contact_start,
        end=agreement.contact_end,
        channels=frozenset(agreement.contact_channels),
        response_hours=agreement.response_hours,
        source="agreement",
    )
