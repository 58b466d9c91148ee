"""Break-the-glass: emergency access outside the care team, told to the primary clinician
and the privacy officer, reviewed, and noticed when it runs out."""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from caseload.accounts.models import Role, User
from caseload.audit.services import audit_record
from caseload.clients.access import clients_visible_to
from caseload.clients.models import (
    BREAK_GLASS_DEFAULT,
    BreakGlassGrant,
    CareTeamMember,
    CareTeamRole,
    Client,
)
from caseload.core import clock

logger = logging.getLogger(__name__)


def break_glass_open(
    *,
    acting_user: User,
    client: Client,
    reason: str,
    duration: timedelta = BREAK_GLASS_DEFAULT,
    request: HttpRequest | None = None,
) -> BreakGlassGrant:
    """Emergency access for a clinician outside the care team, for `duration` (4 hours
    by default). Refused without a reason. The primary clinician and every privacy
    officer are told, by email after commit; the privacy officer's list shows it until
    it is reviewed."""
    reason = " ".join(reason.split())
    if len(reason) < 10:
        raise ValidationError(_("State the reason for the emergency access (a full sentence)."))
    if not acting_user.is_clinical:
        raise ValidationError(_("Only clinicians and supervisors may break the glass."))
    if duration <= timedelta(0) or duration > timedelta(hours=12):
        raise ValidationError(_("Emergency access lasts at most 12 hours."))
    if clients_visible_to(acting_user).filter(pk=client.pk).exists():
        raise ValidationError(_("You already have access to this client's record."))
    now = clock.now()
    with transaction.atomic():
        grant = BreakGlassGrant.objects.create(
            client=client,
            user=acting_user,
            reason=reason[:300],
            granted_at=now,
            expires_at=now + duration,
        )
        audit_record(
            action="break_glass.open",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=grant,
            purpose=f"break-the-glass: {grant.reason}",
            detail={"expires_at": grant.expires_at.isoformat()},
        )
        transaction.on_commit(lambda: _notify_break_glass(grant))
    return grant


def _break_glass_watchers(grant: BreakGlassGrant) -> list[User]:
    primary = CareTeamMember.objects.filter(
        client_id=grant.client_id, role=CareTeamRole.PRIMARY
    ).select_related("user")
    officers = User.objects.filter(role=Role.PRIVACY_OFFICER, is_active=True)
    return [member.user for member in primary] + list(officers)


def _notify_break_glass(grant: BreakGlassGrant, *, ended: bool = False) -> None:
    addresses = sorted({user.email for user in _break_glass_watchers(grant) if user.email})
    if not addresses:
        return
    # No client name or clinical content in an email: the reader signs in to review.
    subject = (
        _("Emergency access ended (client #%(id)s)")
        if ended
        else _("Emergency access to a client's record (client #%(id)s)")
    ) % {"id": grant.client_id}
    body = _(
        "%(user)s used break-the-glass access to client #%(id)s.\nReason given: %(reason)s\n"
        "Access %(verb)s at %(expires)s.\nSign in to caseload to review it under Privacy."
    ) % {
        "user": grant.user,
        "id": grant.client_id,
        "reason": grant.reason,
        "verb": _("ended") if ended else _("ends"),
        "expires": grant.expires_at.strftime("%Y-%m-%d %H:%M %Z"),
    }
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
    except Exception:
        # The grant and the review list do not depend on the mail server.
        logger.exception("could not email about break-the-glass grant %s", grant.pk)


def break_glass_review(
    *,
    acting_user: User,
    grant: BreakGlassGrant,
    outcome: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> BreakGlassGrant:
    """The privacy officer (or the client's primary clinician) records their review."""
    if outcome not in ("appropriate", "inappropriate"):
        raise ValidationError(_("Say whether the access was appropriate."))
    if outcome == "inappropriate" and not note.strip():
        raise ValidationError(_("Say what was wrong with the access."))
    if acting_user.pk == grant.user_id:
        raise ValidationError(_("Nobody reviews their own emergency access."))
    with transaction.atomic():
        grant.reviewed_at, grant.reviewed_by = clock.now(), acting_user
        grant.review_outcome, grant.review_note = outcome, note.strip()[:300]
        grant.save(update_fields=["reviewed_at", "reviewed_by", "review_outcome", "review_note"])
        audit_record(
            action="break_glass.review",
            actor=acting_user,
            request=request,
            client_id=grant.client_id,
            obj=grant,
            detail={"outcome": outcome},
        )
    return grant


def break_glass_notify_expired() -> int:
    """Tell the watchers when a grant has run out (from `caseload privacy_reminders`)."""
    count = 0
    for grant in BreakGlassGrant.objects.filter(
        expires_at__lte=clock.now(), expiry_notified_at__isnull=True
    ).select_related("user"):
        with transaction.atomic():
            # Claimed by a conditional update, so two servers running the reminders at
            # once send one notice.
            claimed = BreakGlassGrant.objects.filter(
                pk=grant.pk, expiry_notified_at__isnull=True
            ).update(expiry_notified_at=clock.now())
            if not claimed:
                continue
            audit_record(action="break_glass.expired", client_id=grant.client_id, obj=grant)
            transaction.on_commit(partial(_notify_break_glass, grant, ended=True))
        count += 1
    return count
