"""Reading portal links: the link a token names."""

from caseload.portal.models import PortalLink


def portal_link_find(token: str) -> PortalLink | None:
    """The link whose digest matches `token`, with its client; None for any other token
    (only digests are stored, H-013)."""
    return (
        PortalLink.objects.select_related("client")
        .filter(digest=PortalLink.digest_of(token))
        .first()
    )
