"""Consents, releases, disclosures, the client's own copy, break-the-glass and mandatory
reports: every
write validated first, then saved in one transaction with its audit event; emails after
commit. One module per kind of record; everything is importable from here."""

from caseload.privacy.models import sha256_of
from caseload.privacy.services.break_glass import (
    break_glass_notify_expired,
    break_glass_open,
    break_glass_review,
)
from caseload.privacy.services.consent_texts import consent_template_current, consent_template_save
from caseload.privacy.services.consents import (
    CONSENT_REMINDER_BEFORE,
    consent_decline,
    consent_request,
    consent_sign,
    consent_withdraw,
    consent_withdraw_link,
    consents_remind_expiring,
)
from caseload.privacy.services.disclosures import (
    DisclosureRefused,
    disclosure_check,
    disclosure_make,
)
from caseload.privacy.services.own_copy import OWN_COPY_FORMATS, OwnCopy, own_copy_export
from caseload.privacy.services.releases import (
    release_create,
    release_revoke,
    release_sign,
    release_text,
)
from caseload.privacy.services.reports import (
    jurisdiction_deadline_set,
    report_client_told,
    report_consulted,
    report_made,
    report_open,
    reports_notify_overdue,
)
from caseload.privacy.services.signing import SIGNING_LINK_LIFETIME

__all__ = [
    "CONSENT_REMINDER_BEFORE",
    "OWN_COPY_FORMATS",
    "SIGNING_LINK_LIFETIME",
    "DisclosureRefused",
    "OwnCopy",
    "break_glass_notify_expired",
    "break_glass_open",
    "break_glass_review",
    "consent_decline",
    "consent_request",
    "consent_sign",
    "consent_template_current",
    "consent_template_save",
    "consent_withdraw",
    "consent_withdraw_link",
    "consents_remind_expiring",
    "disclosure_check",
    "disclosure_make",
    "jurisdiction_deadline_set",
    "own_copy_export",
    "release_create",
    "release_revoke",
    "release_sign",
    "release_text",
    "report_client_told",
    "report_consulted",
    "report_made",
    "report_open",
    "reports_notify_overdue",
    "sha256_of",
]
