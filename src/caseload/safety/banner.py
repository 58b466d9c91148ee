"""The risk banner at the top of every page of a client
(clients.composition.ClientBanner): listed for the clinical part only
(caseload/composition.py), so intake, the admin and the privacy officer never get it,
nor its queries (H-093, H-095)."""

from caseload.safety.selectors import risk_banner


def risk_banner_context(request, client) -> dict | None:
    banner = risk_banner(client, user=request.user)
    return {"risk": banner} if banner is not None else None
