"""Disclosures: refused unless a valid release or a recorded legal basis covers them; each
is kept with its exact packet in the accounting of disclosures."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from caseload.accounts.models import User
from caseload.audit.services import audit_record
from caseload.clients.models import Client
from caseload.privacy import packets
from caseload.privacy.models import (
    SEPARATE_CATEGORY,
    Category,
    Disclosure,
    DisclosurePacket,
    LegalBasis,
    Release,
    sha256_of,
)
from caseload.privacy.services.releases import clean_categories


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
    chosen = clean_categories(categories)
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
