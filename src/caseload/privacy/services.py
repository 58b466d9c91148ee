"""Consents, releases, disclosures and break-the-glass: every write, validated first, in
one transaction with its audit event; emails after commit."""

import logging
from collections.abc import Sequence
from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from caseload.accounts.access import clients_visible_to
from caseload.accounts.models import Role, User
from caseload.audit.services import audit_record
from caseload.clients.models import CareTeamMember, CareTeamRole, Client
from caseload.core import clock
from caseload.portal.models import PortalLink
from caseload.portal.services import IssuedLink, portal_link_create, portal_link_use
from caseload.privacy import packets
from caseload.privacy.models import (
    BREAK_GLASS_DEFAULT,
    SEPARATE_CATEGORY,
    BreakGlassGrant,
    Category,
    Consent,
    ConsentKind,
    ConsentState,
    ConsentTemplate,
    Disclosure,
    DisclosurePacket,
    LegalBasis,
    Release,
    sha256_of,
)

logger = logging.getLogger(__name__)

SIGNING_LINK_LIFETIME = timedelta(days=7)


# --- consent templates -----------------------------------------------------------------


def consent_template_save(
    *,
    acting_user: User,
    kind: str,
    title: str,
    text: str,
    valid_for_days: int | None = None,
    request: HttpRequest | None = None,
) -> ConsentTemplate:
    """Write the practice's text for a kind of consent. A changed text (or title, or
    validity) makes a new version; the same text again changes nothing."""
    if kind not in ConsentKind.values:
        raise ValidationError(_("Unknown kind of consent."))
    if not title.strip() or not text.strip():
        raise ValidationError(_("A consent needs a title and a text."))
    current = consent_template_current(kind)
    wanted = (title.strip(), text.strip(), valid_for_days)
    if current is not None and (current.title, current.text, current.valid_for_days) == wanted:
        return current
    with transaction.atomic():
        template = ConsentTemplate.objects.create(
            kind=kind,
            version=(current.version + 1) if current else 1,
            title=title.strip(),
            text=text.strip(),
            text_sha256=sha256_of(text.strip()),
            valid_for_days=valid_for_days,
            created_by=acting_user,
        )
        audit_record(
            action="consent_template.save",
            actor=acting_user,
            request=request,
            obj=template,
            detail={"kind": kind, "version": template.version},
        )
    return template


def consent_template_current(kind: str) -> ConsentTemplate | None:
    return ConsentTemplate.objects.filter(kind=kind).order_by("-version").first()


# --- consents --------------------------------------------------------------------------


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


def _check_signature(typed_name: str, client: Client) -> str:
    name = " ".join(typed_name.split())
    if not name:
        raise ValidationError(_("Type your full name to sign."))
    if name.casefold() != " ".join(client.legal_name.split()).casefold():
        raise ValidationError(_("Type your full name as the practice has it on record."))
    return name


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
    name = _check_signature(typed_name, consent.client)
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


# --- releases --------------------------------------------------------------------------


def release_text(
    *, client: Client, recipient: str, categories: Sequence[str], purpose: str, expires_on: date
) -> str:
    """The words the client signs, built from the release's own fields, so the hash of
    the text pins exactly what they agreed to."""
    labels = ", ".join(str(Category(value).label) for value in categories)
    return _(
        "I, %(name)s, authorize my care providers to disclose the following information "
        "about me: %(labels)s. To: %(recipient)s. For this purpose: %(purpose)s. This "
        "authorization expires on %(expires)s. I may revoke it at any time, except for "
        "information already disclosed. My care does not depend on signing it."
    ) % {
        "name": client.legal_name,
        "labels": labels,
        "recipient": recipient,
        "purpose": purpose,
        "expires": expires_on.isoformat(),
    }


def _clean_categories(categories: Sequence[str] | None) -> list[str]:
    chosen = list(dict.fromkeys(categories or []))
    if not chosen:
        raise ValidationError(_("Choose at least one category of information."))
    unknown = [value for value in chosen if value not in Category.values]
    if unknown:
        raise ValidationError(_("Unknown category: %(names)s.") % {"names": ", ".join(unknown)})
    if SEPARATE_CATEGORY in chosen and len(chosen) > 1:
        raise ValidationError(
            _("Psychotherapy notes need a separate release that names them alone.")
        )
    return chosen


def release_create(
    *,
    acting_user: User,
    client: Client,
    recipient: str,
    recipient_contact: str,
    categories: Sequence[str],
    purpose: str,
    expires_on: date,
    request: HttpRequest | None = None,
) -> tuple[Release, IssuedLink]:
    """Draft a release and make the link through which the client reads and signs it."""
    chosen = _clean_categories(categories)
    if not recipient.strip() or not purpose.strip():
        raise ValidationError(_("A release names its recipient and its purpose."))
    if expires_on <= clock.today():
        raise ValidationError(_("The expiry date must be in the future."))
    text = release_text(
        client=client,
        recipient=recipient.strip(),
        categories=chosen,
        purpose=purpose.strip(),
        expires_on=expires_on,
    )
    with transaction.atomic():
        release = Release.objects.create(
            client=client,
            recipient=recipient.strip(),
            recipient_contact=recipient_contact.strip(),
            categories=chosen,
            purpose=purpose.strip(),
            expires_on=expires_on,
            text=text,
            created_by=acting_user,
        )
        issued = portal_link_create(
            acting_user=acting_user,
            client=client,
            kind="release",
            target_id=str(release.pk),
            expires_in=SIGNING_LINK_LIFETIME,
            request=request,
        )
        audit_record(
            action="release.create",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=release,
            detail={"categories": chosen, "recipient": release.recipient},
        )
    return release, issued


def release_sign(
    *,
    link: PortalLink,
    release: Release,
    typed_name: str,
    shown_sha256: str,
    request: HttpRequest | None = None,
) -> Release:
    name = _check_signature(typed_name, release.client)
    if release.state != "unsigned":
        raise ValidationError(_("This release is no longer waiting for a signature."))
    if shown_sha256 != sha256_of(release.text):
        raise ValidationError(_("The text changed while you were reading. Please read it again."))
    with transaction.atomic():
        portal_link_use(link=link, request=request)
        release.signed_name, release.signed_at = name, clock.now()
        release.signed_text_sha256 = sha256_of(release.text)
        release.save(update_fields=["signed_name", "signed_at", "signed_text_sha256"])
        audit_record(
            action="release.sign",
            request=request,
            client_id=release.client_id,
            obj=release,
            detail={"sha256": release.signed_text_sha256},
        )
    return release


def release_revoke(
    *, acting_user: User, release: Release, note: str = "", request: HttpRequest | None = None
) -> Release:
    """Record the client's revocation. Disclosures already made stay in the accounting."""
    if release.revoked_at:
        raise ValidationError(_("This release is already revoked."))
    with transaction.atomic():
        release.revoked_at, release.revoked_by = clock.now(), acting_user
        release.revocation_note = note.strip()[:300]
        release.save(update_fields=["revoked_at", "revoked_by", "revocation_note"])
        audit_record(
            action="release.revoke",
            actor=acting_user,
            request=request,
            client_id=release.client_id,
            obj=release,
        )
    return release


# --- disclosures -----------------------------------------------------------------------


class DisclosureRefused(ValidationError):
    """No valid release or legal basis covers what was asked; nothing was recorded."""


def disclosure_check(
    *,
    client: Client,
    categories: Sequence[str],
    release: Release | None,
    legal_basis: str = "",
    justification: str = "",
) -> list[str]:
    """Refuse (DisclosureRefused, naming why) unless a valid, unrevoked, unexpired release
    of this client covers every category, or a legal basis is recorded with its
    justification. Returns the categories, cleaned."""
    chosen = _clean_categories(categories)
    if SEPARATE_CATEGORY in chosen:
        raise DisclosureRefused(
            _(
                "Psychotherapy notes are never sent from caseload: their author discloses "
                "them, under a release that names them alone."
            )
        )
    if release is not None and legal_basis:
        raise DisclosureRefused(_("Choose a release or a legal basis, not both."))
    if legal_basis:
        if legal_basis not in LegalBasis.values:
            raise DisclosureRefused(_("Unknown legal basis."))
        if len(justification.strip()) < 10:
            raise DisclosureRefused(_("A legal basis needs its justification written down."))
        return chosen
    if release is None:
        raise DisclosureRefused(_("No release or legal basis covers this disclosure."))
    if release.client_id != client.pk:
        raise DisclosureRefused(_("That release belongs to another client."))
    state_reasons = {
        "revoked": _("The release was revoked."),
        "expired": _("The release has expired."),
        "unsigned": _("The release has not been signed by the client."),
    }
    if release.state in state_reasons:
        raise DisclosureRefused(state_reasons[release.state])
    missing = [value for value in chosen if value not in release.categories]
    if missing:
        labels = ", ".join(str(Category(value).label) for value in missing)
        raise DisclosureRefused(_("The release does not cover: %(labels)s.") % {"labels": labels})
    return chosen


def disclosure_make(
    *,
    acting_user: User,
    client: Client,
    categories: Sequence[str],
    recipient: str = "",
    recipient_contact: str = "",
    purpose: str = "",
    release: Release | None = None,
    legal_basis: str = "",
    justification: str = "",
    request: HttpRequest | None = None,
) -> Disclosure:
    """Check what covers the disclosure, build the packet from those categories only,
    and record it in the accounting. Under a release, the recipient and purpose are the
    release's own."""
    chosen = disclosure_check(
        client=client,
        categories=categories,
        release=release,
        legal_basis=legal_basis,
        justification=justification,
    )
    if release is not None:
        recipient, recipient_contact, purpose = (
            release.recipient,
            release.recipient_contact,
            release.purpose,
        )
    if not recipient.strip() or not purpose.strip():
        raise DisclosureRefused(_("Name the recipient and the purpose."))
    with transaction.atomic():
        bundle_json = packets.disclosure_bundle_json(
            client=client, categories=chosen, recipient=recipient.strip()
        )
        disclosure = Disclosure.objects.create(
            client=client,
            disclosed_by=acting_user,
            recipient=recipient.strip(),
            recipient_contact=recipient_contact.strip(),
            categories=chosen,
            purpose=purpose.strip(),
            release=release,
            legal_basis=legal_basis,
            justification=justification.strip(),
            packet_sha256=sha256_of(bundle_json),
        )
        DisclosurePacket.objects.create(
            disclosure=disclosure, client=client, bundle_json=bundle_json
        )
        audit_record(
            action="disclosure.make",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=disclosure,
            purpose=f"disclosure to {disclosure.recipient}",
            detail={
                "categories": chosen,
                "release": release.pk if release else None,
                "legal_basis": legal_basis,
            },
        )
    return disclosure


ACCOUNTING_YEARS = 6


def accounting_for(client: Client) -> QuerySet[Disclosure]:
    """The accounting of disclosures: every disclosure of the last six years, newest
    first (45 CFR 164.528 asks for six years)."""
    since = clock.now() - timedelta(days=365 * ACCOUNTING_YEARS + 2)
    return Disclosure.objects.filter(client=client, disclosed_at__gte=since).select_related(
        "disclosed_by", "release"
    )


# --- break-the-glass -------------------------------------------------------------------


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
