"""Releases of information: the text the client signs, signing by a link, revoking."""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from caseload.accounts.models import User
from caseload.audit.services import audit_record
from caseload.clients.models import Client
from caseload.core import clock
from caseload.portal.models import PortalLink
from caseload.portal.services import IssuedLink, portal_link_create, portal_link_use
from caseload.privacy.models import SEPARATE_CATEGORY, Category, Release, sha256_of
from caseload.privacy.services.signing import SIGNING_LINK_LIFETIME, check_signature


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


def clean_categories(categories: Sequence[str] | None) -> list[str]:
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
    chosen = clean_categories(categories)
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
    name = check_signature(typed_name, release.client)
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
