"""The practice's own words for each kind of consent, versioned: a changed text is a new
version and consents already signed keep the one they signed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from caseload.accounts.models import User
from caseload.audit.services import audit_record
from caseload.privacy.models import ConsentKind, ConsentTemplate, sha256_of


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
