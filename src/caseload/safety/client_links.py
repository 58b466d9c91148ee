"""The client's reusable links, to their safety plan and to their check-ins: one open
link per kind, working until it is withdrawn.

Callers reach the client through the door (clients.access) first; these functions
trust the client they are given and write the audit events (through portal.services)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from caseload.accounts.models import User
from caseload.clients.models import Client
from caseload.portal.models import PortalLink
from caseload.portal.services import IssuedLink, portal_link_create, portal_link_revoke
from caseload.safety.plan_provider import safety_plan_provider

SAFETY_PLAN_LINK = "safety_plan"
CHECKIN_LINK = "checkin"
LINK_KINDS = (SAFETY_PLAN_LINK, CHECKIN_LINK)


def open_links(client: Client, kind: str):
    return [link for link in client.portal_links.filter(kind=kind) if link.is_usable]


def client_link_issue(*, acting_user: User, client: Client, kind: str, request=None) -> IssuedLink:
    """A reusable link for the client (their safety plan, or their check-ins) that works
    until it is withdrawn. Issuing a new one withdraws the old: one open link per kind,
    so a link that went to an old phone number stops working."""
    if kind not in LINK_KINDS:
        raise ValidationError(f"Unknown link kind {kind!r}.")
    if kind == SAFETY_PLAN_LINK and not _has_safety_plan(client):
        raise ValidationError("Save a safety plan before making a link to it.")
    with transaction.atomic():
        for link in open_links(client, kind):
            portal_link_revoke(acting_user=acting_user, link=link, request=request)
        return portal_link_create(
            acting_user=acting_user,
            client=client,
            kind=kind,
            expires_in=None,
            single_use=False,
            request=request,
        )


def _has_safety_plan(client: Client) -> bool:
    plans = safety_plan_provider()
    return plans is not None and Client.objects.filter(plans.exists(), pk=client.pk).exists()


def client_link_withdraw(
    *, acting_user: User, client: Client, link_id: int, request=None
) -> PortalLink:
    """Withdraw one of the client's safety-plan or check-in links; it shows nothing
    from then on."""
    link = client.portal_links.filter(kind__in=LINK_KINDS, pk=link_id).first()
    if link is None:
        raise ValidationError("No such link.")
    return portal_link_revoke(acting_user=acting_user, link=link, request=request)
