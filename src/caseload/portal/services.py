"""Making, opening and closing client links. The client is never signed in: a link plus
their date of birth opens one thing, for a short while, in one browser session."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse

from caseload.accounts.models import User
from caseload.audit.services import audit_record
from caseload.clients.models import Client
from caseload.core import clock
from caseload.portal.models import PortalLink

SESSION_KEY = "portal_verified"
VERIFIED_FOR = timedelta(minutes=60)


@dataclass(frozen=True)
class IssuedLink:
    link: PortalLink
    token: str

    @property
    def path(self) -> str:
        return reverse("portal:open", args=[self.token])


def portal_link_create(
    *,
    acting_user: User,
    client: Client,
    kind: str,
    target_id: str = "",
    expires_in: timedelta | None = timedelta(hours=72),
    single_use: bool = True,
    request: HttpRequest | None = None,
) -> IssuedLink:
    """Make a link for `client`; the token is returned once (show it or send it) and
    only its digest is kept."""
    token = PortalLink.new_token()
    with transaction.atomic():
        link = PortalLink.objects.create(
            client=client,
            kind=kind,
            target_id=str(target_id),
            digest=PortalLink.digest_of(token),
            single_use=single_use,
            created_by=acting_user,
            expires_at=clock.now() + expires_in if expires_in else None,
        )
        audit_record(
            action="portal.link_create",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=link,
            detail={
                "kind": kind,
                "single_use": single_use,
                "expires_at": link.expires_at.isoformat() if link.expires_at else None,
            },
        )
    return IssuedLink(link=link, token=token)


def portal_link_check(*, link: PortalLink, date_of_birth: date, request: HttpRequest) -> bool:
    """Compare the date of birth. Right: the browser session may use the link for a
    while. Wrong: counted, and the link locks after too many. Both are audited."""
    with transaction.atomic():
        link = PortalLink.objects.select_for_update().get(pk=link.pk)
        if not link.is_usable:
            return False
        if link.client.date_of_birth == date_of_birth:
            verified = request.session.get(SESSION_KEY, {})
            verified[str(link.pk)] = clock.now().timestamp()
            request.session[SESSION_KEY] = verified
            audit_record(
                action="portal.open",
                request=request,
                client_id=link.client_id,
                obj=link,
                detail={"kind": link.kind},
            )
            return True
        link.failed_checks = F("failed_checks") + 1
        link.save(update_fields=["failed_checks"])
        link.refresh_from_db(fields=["failed_checks"])
        if link.failed_checks >= PortalLink.MAX_FAILED_CHECKS:
            link.locked_at = clock.now()
            link.save(update_fields=["locked_at"])
        audit_record(
            action="portal.check_failed",
            request=request,
            client_id=link.client_id,
            obj=link,
            detail={"failed_checks": link.failed_checks, "locked": link.locked_at is not None},
        )
        return False


def portal_session_verified(*, link: PortalLink, request: HttpRequest) -> bool:
    """Has this browser session passed the date-of-birth check for this link, lately?"""
    stamp = request.session.get(SESSION_KEY, {}).get(str(link.pk))
    if not isinstance(stamp, float | int) or not link.is_usable:
        return False
    return clock.now().timestamp() - stamp < VERIFIED_FOR.total_seconds()


def portal_link_use(*, link: PortalLink, request: HttpRequest | None = None) -> PortalLink:
    """Mark a single-use link used, inside the caller's transaction (the write it
    allowed and the link's closing commit together). Reusable links stay open."""
    if not link.single_use:
        return link
    with transaction.atomic():
        updated = PortalLink.objects.filter(pk=link.pk, used_at__isnull=True).update(
            used_at=clock.now()
        )
        if not updated:
            raise PortalLinkSpent
        link.refresh_from_db(fields=["used_at"])
        audit_record(
            action="portal.used",
            request=request,
            client_id=link.client_id,
            obj=link,
            detail={"kind": link.kind},
        )
    if request is not None:
        request.session.get(SESSION_KEY, {}).pop(str(link.pk), None)
        request.session.modified = True
    return link


def portal_link_revoke(
    *, acting_user: User, link: PortalLink, request: HttpRequest | None = None
) -> PortalLink:
    if link.revoked_at is not None:
        return link
    with transaction.atomic():
        link.revoked_at = clock.now()
        link.save(update_fields=["revoked_at"])
        audit_record(
            action="portal.link_revoke",
            actor=acting_user,
            request=request,
            client_id=link.client_id,
            obj=link,
            detail={"kind": link.kind},
        )
    return link


class PortalLinkSpent(Exception):
    """A single-use link was used by another request first."""
