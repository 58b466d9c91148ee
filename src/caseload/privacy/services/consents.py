"""Asking for, signing, declining and withdrawing consents, and the reminder before one
expires. Every write is validated first, then saved in one transaction with its audit
event; emails go out after commit."""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from caseload.accounts.models import User
from caseload.audit.services import audit_record
from caseload.clients.models import CareTeamMember, CareTeamRole, Client
from caseload.core import clock
from caseload.portal.models import PortalLink
from caseload.portal.services import IssuedLink, portal_link_create, portal_link_use
from caseload.privacy.models import Consent, ConsentState
from caseload.privacy.services.consent_texts import consent_template_current
from caseload.privacy.services.signing import SIGNING_LINK_LIFETIME, check_signature

logger = logging.getLogger(__name__)


def consent_request(
    *, acting_user: User, client: Client, kind: str, request: HttpRequest | None = None
) -> tuple[Consent, IssuedLink]:
    """Ask the client to sign the current version of a consent; returns the consent and
    the signing link (shown or sent once). Renewing is asking again: a new row."""
    template = consent_template_current(kind)
    if template is None:
        raise ValidationError(_("The practice has not written this consent yet."))
    with transaction.atomic():
        consent = Consent.objects.create(
            client=client, template=template, kind=kind, requested_by=acting_user
        )
        issued = portal_link_create(
            acting_user=acting_user,
            client=client,
            kind="consent",
            target_id=str(consent.pk),
            expires_in=SIGNING_LINK_LIFETIME,
            request=request,
        )
        audit_record(
            action="consent.request",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=consent,
            detail={"kind": kind, "version": template.version},
        )
    return consent, issued


def consent_sign(
    *,
    link: PortalLink,
    consent: Consent,
    typed_name: str,
    shown_sha256: str,
    request: HttpRequest | None = None,
) -> Consent:
    """The client signs through their link: the typed name, the time, the exact version
    and the SHA-256 of the text they were shown (refused if the text changed under them)."""
    name = check_signature(typed_name, consent.client)
    if consent.state != ConsentState.REQUESTED:
        raise ValidationError(_("This consent is no longer waiting for a signature."))
    if shown_sha256 != consent.template.text_sha256:
        raise ValidationError(_("The text changed while you were reading. Please read it again."))
    now = clock.now()
    with transaction.atomic():
        portal_link_use(link=link, request=request)
        consent.signed_name, consent.signed_at = name, now
        consent.signed_text_sha256 = consent.template.text_sha256
        days = consent.template.valid_for_days
        consent.expires_at = now + timedelta(days=days) if days else None
        consent.save(
            update_fields=["signed_name", "signed_at", "signed_text_sha256", "expires_at"]
        )
        audit_record(
            action="consent.sign",
            request=request,
            client_id=consent.client_id,
            obj=consent,
            detail={"version": consent.template.version, "sha256": consent.signed_text_sha256},
        )
    return consent


def consent_decline(
    *, link: PortalLink, consent: Consent, request: HttpRequest | None = None
) -> Consent:
    if consent.state != ConsentState.REQUESTED:
        raise ValidationError(_("This consent is no longer waiting for a signature."))
    with transaction.atomic():
        portal_link_use(link=link, request=request)
        consent.declined_at = clock.now()
        consent.save(update_fields=["declined_at"])
        audit_record(
            action="consent.decline", request=request, client_id=consent.client_id, obj=consent
        )
    return consent


def consent_withdraw(
    *,
    consent: Consent,
    acting_user: User | None = None,
    link: PortalLink | None = None,
    note: str = "",
    request: HttpRequest | None = None,
) -> Consent:
    """Withdraw a given consent: the clinician recording what the client said, or the
    client themself through a link. The row stays, marked withdrawn."""
    if consent.state not in (ConsentState.GIVEN, ConsentState.EXPIRED):
        raise ValidationError(_("Only a consent that was given can be withdrawn."))
    if acting_user is None and link is None:
        raise ValidationError(_("A withdrawal comes from the clinician or the client's link."))
    with transaction.atomic():
        if link is not None:
            portal_link_use(link=link, request=request)
        consent.withdrawn_at = clock.now()
        consent.withdrawn_by = acting_user
        consent.withdrawn_by_client = link is not None
        consent.withdrawal_note = note.strip()[:300]
        consent.save(
            update_fields=[
                "withdrawn_at",
                "withdrawn_by",
                "withdrawn_by_client",
                "withdrawal_note",
            ]
        )
        audit_record(
            action="consent.withdraw",
            actor=acting_user,
            request=request,
            client_id=consent.client_id,
            obj=consent,
            detail={"by_client": link is not None},
        )
    return consent


def consent_withdraw_link(
    *, acting_user: User, consent: Consent, request: HttpRequest | None = None
) -> IssuedLink:
    """A link the client can use to withdraw a consent themself."""
    if consent.state not in (ConsentState.GIVEN, ConsentState.EXPIRED):
        raise ValidationError(_("Only a consent that was given can be withdrawn."))
    return portal_link_create(
        acting_user=acting_user,
        client=consent.client,
        kind="consent_withdraw",
        target_id=str(consent.pk),
        expires_in=timedelta(days=30),
        request=request,
    )


CONSENT_REMINDER_BEFORE = timedelta(days=30)


def consents_remind_expiring() -> int:
    """Email the primary clinician once about each given consent that expires within
    30 days, so they can ask the client to renew it (from `caseload privacy_reminders`)."""
    now = clock.now()
    expiring = Consent.objects.filter(
        signed_at__isnull=False,
        withdrawn_at__isnull=True,
        reminded_at__isnull=True,
        expires_at__gt=now,
        expires_at__lte=now + CONSENT_REMINDER_BEFORE,
    ).select_related("template")
    count = 0
    for consent in expiring:
        with transaction.atomic():
            claimed = Consent.objects.filter(pk=consent.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not claimed:
                continue
            audit_record(action="consent.reminder", client_id=consent.client_id, obj=consent)
            transaction.on_commit(partial(_email_renewal, consent))
        count += 1
    return count


def _email_renewal(consent: Consent) -> None:
    expires_at = consent.expires_at
    if expires_at is None:  # the reminder query selects consents by their expiry
        return
    primary = CareTeamMember.objects.filter(
        client_id=consent.client_id, role=CareTeamRole.PRIMARY
    ).select_related("user")
    addresses = sorted({member.user.email for member in primary if member.user.email})
    if not addresses:
        return
    body = _(
        "A consent (%(kind)s) of client #%(id)s expires on %(expires)s. Sign in to caseload "
        "and ask the client to renew it from their Privacy page."
    ) % {
        "kind": consent.get_kind_display(),
        "id": consent.client_id,
        "expires": expires_at.strftime("%Y-%m-%d"),
    }
    try:
        send_mail(_("A consent expires soon"), body, settings.DEFAULT_FROM_EMAIL, addresses)
    except Exception:
        logger.exception("could not email about consent %s", consent.pk)
