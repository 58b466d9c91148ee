"""Legal and ethical duties (ARCHITECTURE.md difficulty 7): consents, releases of
information, disclosures and their accounting, mandatory reports, break-the-glass grants
and retention periods.

Rows here are history: a consent is renewed by a new row, a release is revoked (never
edited), a disclosure is append-only (database triggers refuse UPDATE and DELETE).
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseload.clients.models import Client
from caseload.core import clock
from caseload.core.fields import EncryptedModel, EncryptedTextField


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class ConsentKind(models.TextChoices):
    TREATMENT = "treatment", _("Consent to treatment")
    TELEHEALTH = "telehealth", _("Telehealth sessions")
    RECORDING = "recording", _("Recording of sessions")
    FAMILY = "family", _("Sharing with family")
    RESEARCH = "research", _("Research")


class ConsentTemplate(models.Model):
    """The practice's own text for one kind of consent. Each change of text is a new
    version; old versions stay, because signed consents point at the exact one."""

    kind = models.CharField(_("kind"), max_length=20, choices=ConsentKind.choices)
    version = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text the client reads"))
    text_sha256 = models.CharField(max_length=64)
    valid_for_days = models.PositiveIntegerField(
        _("valid for (days)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a consent that does not expire."),
    )
    created_at = models.DateTimeField(default=clock.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "version"],
                name="one_consent_version",
                violation_error_message=_(
                    "This version of the consent text already exists: reload the page and try "
                    "again."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"


class ConsentState(models.TextChoices):
    REQUESTED = "requested", _("Waiting for the client's signature")
    GIVEN = "given", _("Given")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DECLINED = "declined", _("Declined")


class Consent(models.Model):
    """One consent asked of a client, on one exact template version. Renewal makes a new
    row; the old one stays as history."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    template = models.ForeignKey(ConsentTemplate, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=ConsentKind.choices)
    requested_at = models.DateTimeField(default=clock.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_name = models.CharField(max_length=200, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_text_sha256 = models.CharField(max_length=64, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_by_client = models.BooleanField(default=False)
    withdrawal_note = models.CharField(max_length=300, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["client", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for client {self.client_id}"

    @property
    def state(self) -> str:
        if self.withdrawn_at:
            return ConsentState.WITHDRAWN
        if self.declined_at:
            return ConsentState.DECLINED
        if not self.signed_at:
            return ConsentState.REQUESTED
        if self.expires_at and self.expires_at <= clock.now():
            return ConsentState.EXPIRED
        return ConsentState.GIVEN

    @property
    def state_label(self) -> str:
        return ConsentState(self.state).label


class Category(models.TextChoices):
    ATTENDANCE = "attendance", _("Attendance")
    DIAGNOSES = "diagnoses", _("Diagnoses")
    MEASURES = "measures", _("Measure results")
    TREATMENT_PLAN = "treatment_plan", _("Treatment plan")
    SESSION_NOTES = "session_notes", _("Session notes")
    PSYCHOTHERAPY_NOTES = "psychotherapy_notes", _("Psychotherapy notes")


# Psychotherapy notes are released only by a release naming them and nothing else
# (45 CFR 164.508(a)(2), (b)(3)(ii)): never bundled with other categories.
SEPARATE_CATEGORY = Category.PSYCHOTHERAPY_NOTES


class ReleaseQuerySet(models.QuerySet):
    def valid(self) -> "ReleaseQuerySet":
        """Signed, not revoked and not past its expiry date: the releases a disclosure
        may be made under. The same rule as `Release.state == "valid"`."""
        return self.filter(
            revoked_at__isnull=True, signed_at__isnull=False, expires_on__gte=clock.today()
        )


class Release(models.Model):
    """An authorization, signed by the client through a link, to disclose the named
    categories to one recipient for one purpose until it expires or is revoked."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="releases")
    recipient = models.CharField(_("recipient"), max_length=200)
    recipient_contact = models.CharField(_("recipient's address or contact"), max_length=300)
    categories = models.JSONField(_("categories"))
    purpose = models.CharField(_("purpose"), max_length=300)
    expires_on = models.DateField(_("expires on"))
    text = models.TextField()
    created_at = models.DateTimeField(default=clock.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_name = models.CharField(max_length=200, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_text_sha256 = models.CharField(max_length=64, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoked_by_client = models.BooleanField(default=False)
    revocation_note = models.CharField(max_length=300, blank=True)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Release to {self.recipient} for client {self.client_id}"

    @property
    def state(self) -> str:
        if self.revoked_at:
            return "revoked"
        if not self.signed_at:
            return "unsigned"
        if self.expires_on < clock.today():
            return "expired"
        return "valid"

    @property
    def state_label(self) -> str:
        return {
            "revoked": _("revoked"),
            "unsigned": _("waiting for the client's signature"),
            "expired": _("expired"),
            "valid": _("valid"),
        }[self.state]

    def category_labels(self) -> list[str]:
        return [str(Category(value).label) for value in self.categories]


class LegalBasis(models.TextChoices):
    COURT_ORDER = "court_order", _("Court order")
    MANDATED_REPORT = "mandated_report", _("Mandated report")
    EMERGENCY = "emergency", _("Emergency")


class Disclosure(models.Model):
    """One disclosure, as the accounting shows it. Append-only: triggers refuse UPDATE
    and DELETE, and PROTECT keeps the client row while any disclosure names them."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="disclosures")
    disclosed_at = models.DateTimeField(default=clock.now)
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recipient = models.CharField(max_length=200)
    recipient_contact = models.CharField(max_length=300, blank=True)
    categories = models.JSONField()
    purpose = models.CharField(max_length=300)
    release = models.ForeignKey(
        Release, null=True, blank=True, on_delete=models.PROTECT, related_name="disclosures"
    )
    legal_basis = models.CharField(max_length=20, choices=LegalBasis.choices, blank=True)
    justification = models.TextField(blank=True)
    packet_sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-disclosed_at", "-id"]
        indexes = [models.Index(fields=["client", "disclosed_at"])]

    def __str__(self) -> str:
        return f"Disclosure to {self.recipient} for client {self.client_id}"

    def category_labels(self) -> list[str]:
        return [str(Category(value).label) for value in self.categories]

    @property
    def basis_label(self) -> str:
        if self.release_id:
            return str(_("Release #%(number)s signed by the client") % {"number": self.release_id})
        return str(LegalBasis(self.legal_basis).label)


class DisclosurePacket(EncryptedModel):
    """What was sent, kept encrypted beside the disclosure (a FHIR Bundle as JSON), so the
    PDF can be printed again exactly as it went out."""

    encryption_owner_field = "client_id"
    disclosure = models.OneToOneField(Disclosure, on_delete=models.PROTECT, related_name="packet")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    bundle_json = EncryptedTextField()

    def __str__(self) -> str:
        return f"Packet of disclosure {self.disclosure_id}"


class ReportKind(models.TextChoices):
    CHILD = "child", _("Child abuse or neglect")
    ELDER = "elder", _("Abuse of an elder or dependent adult")
    DUTY_TO_PROTECT = "duty_to_protect", _("Duty to warn or protect")


class ClientTold(models.TextChoices):
    UNDECIDED = "", _("Not decided yet")
    TOLD_BEFORE = "told_before", _("Told before the report was made")
    TOLD_AFTER = "told_after", _("Told after the report was made")
    NOT_TOLD = "not_told", _("Not told (it would put someone at risk)")


class JurisdictionDeadline(models.Model):
    """How soon a report must be made, per jurisdiction (the practice sets these)."""

    jurisdiction = models.CharField(_("jurisdiction"), max_length=100, unique=True)
    hours = models.PositiveIntegerField(_("hours from the concern to the report"))

    class Meta:
        ordering = ["jurisdiction"]

    def __str__(self) -> str:
        return f"{self.jurisdiction}: {self.hours} h"


DEFAULT_REPORT_HOURS = 24


class MandatoryReport(EncryptedModel):
    """A mandatory report or duty-to-protect workflow. Seen only by the reporter, their
    supervisors and the privacy officer (privacy.selectors.reports_visible_to)."""

    encryption_owner_field = "client_id"
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="mandatory_reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("type"), max_length=20, choices=ReportKind.choices)
    concern = EncryptedTextField(_("the concern"))
    jurisdiction = models.CharField(_("jurisdiction"), max_length=100)
    concern_at = models.DateTimeField(_("when the concern arose"))
    due_at = models.DateTimeField()
    supervisor_consulted_at = models.DateTimeField(null=True, blank=True)
    supervisor_consulted = models.CharField(max_length=200, blank=True)
    consultation_note = EncryptedTextField(blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    agency = models.CharField(max_length=200, blank=True)
    person_spoken_to = models.CharField(max_length=200, blank=True)
    reference = models.CharField(max_length=100, blank=True)
    client_told = models.CharField(max_length=20, choices=ClientTold.choices, blank=True)
    client_told_how = EncryptedTextField(blank=True)
    client_told_recorded_at = models.DateTimeField(null=True, blank=True)
    overdue_alerted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-concern_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} report for client {self.client_id}"

    @property
    def is_overdue(self) -> bool:
        return self.reported_at is None and self.due_at <= clock.now()

    @property
    def is_complete(self) -> bool:
        return bool(self.reported_at and self.client_told)


class RetentionRule(models.Model):
    """How long one type of record is kept after discharge (overrides the default)."""

    record_type = models.CharField(max_length=40, unique=True)
    years_after_discharge = models.PositiveIntegerField()
    minors_until_age = models.PositiveIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.record_type}: {self.years_after_discharge} years"
