from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseload.core import clock
from caseload.core.fields import EncryptedModel, EncryptedTextField


class ClientStatus(models.TextChoices):
    REFERRAL = "referral", _("Referral")
    INTAKE = "intake", _("Intake")
    ACTIVE = "active", _("Active")
    ON_HOLD = "on_hold", _("On hold")
    DISCHARGED = "discharged", _("Discharged")


class Client(models.Model):
    """The person receiving care. Demographics are plain columns (intake needs to search
    and sort them); clinical free text lives in encrypted models beside it."""

    legal_name = models.CharField(_("legal name"), max_length=200)
    preferred_name = models.CharField(_("preferred name"), max_length=100, blank=True)
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    date_of_birth = models.DateField(_("date of birth"))
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    emergency_contact_name = models.CharField(_("emergency contact"), max_length=200, blank=True)
    emergency_contact_relationship = models.CharField(
        _("relationship"), max_length=100, blank=True
    )
    emergency_contact_phone = models.CharField(
        _("emergency contact phone"), max_length=40, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ClientStatus.choices, default=ClientStatus.REFERRAL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["legal_name", "id"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:

        if self.date_of_birth and self.date_of_birth > clock.today():
            raise ValidationError({"date_of_birth": _("The date of birth is in the future.")})
        if self.date_of_birth and self.date_of_birth.year < 1900:
            raise ValidationError({"date_of_birth": _("Check the year of birth.")})

    @property
    def display_name(self) -> str:
        """The name the client asked to be called by, with the legal name beside it."""
        first_given = self.legal_name.split(maxsplit=1)[0] if self.legal_name else ""
        if self.preferred_name and self.preferred_name != first_given:
            return f"{self.preferred_name} ({self.legal_name})"
        return self.legal_name


class CareTeamRole(models.TextChoices):
    PRIMARY = "primary", _("Primary clinician")
    MEMBER = "member", _("Care team member")


class CareTeamMember(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="care_team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="care_teams"
    )
    role = models.CharField(max_length=10, choices=CareTeamRole.choices)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "user"],
                name="one_membership",
                violation_error_message=_("This person is already on the client's care team."),
            ),
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(role="primary"),
                name="one_primary_clinician",
                violation_error_message=_(
                    "The client already has a primary clinician: change that role first."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) for client {self.client_id}"


class Episode(models.Model):
    """An episode of care: from referral or intake to discharge."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="episodes")
    started_on = models.DateField(_("started"))
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    reason = models.CharField(_("reason for referral"), max_length=300, blank=True)
    referral_source = models.CharField(_("referred by"), max_length=200, blank=True)

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="episode_ends_after_start",
                violation_error_message=_(
                    "An episode of care ends on or after the day it started."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"Episode from {self.started_on}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class AppointmentKind(models.TextChoices):
    INTAKE = "intake", _("Intake assessment")
    SESSION = "session", _("Session")
    TELEHEALTH = "telehealth", _("Telehealth session")
    REVIEW = "review", _("Review")


class Attendance(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    ATTENDED = "attended", _("Attended")
    LATE_CANCELLATION = "late_cancel", _("Late cancellation")
    NO_SHOW = "no_show", _("No-show")
    CANCELLED_BY_CLIENT = "client_cancel", _("Cancelled by the client")
    CANCELLED_BY_CLINICIAN = "clinician_cancel", _("Cancelled by the clinician")


# The length of an appointment: at least a brief check-in, at most a long assessment
# day. The form, the API and the database constraint all say the same sentence.
APPOINTMENT_MINUTES = (5, 480)
APPOINTMENT_LENGTH_MESSAGE = _("An appointment lasts between 5 minutes and 8 hours (480 minutes).")


class Appointment(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="appointments")
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointments"
    )
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"),
        default=50,
        validators=[
            MinValueValidator(APPOINTMENT_MINUTES[0], message=APPOINTMENT_LENGTH_MESSAGE),
            MaxValueValidator(APPOINTMENT_MINUTES[1], message=APPOINTMENT_LENGTH_MESSAGE),
        ],
    )
    kind = models.CharField(
        _("type"), max_length=20, choices=AppointmentKind.choices, default=AppointmentKind.SESSION
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=20, choices=Attendance.choices, default=Attendance.SCHEDULED
    )
    # When the session actually began, recorded by the clinician with its note; a start
    # after `starts_at` counts as a late start in the clinician's consistency figures.
    started_at = models.DateTimeField(_("actually started"), null=True, blank=True)
    # The occurrences of one recurring booking share this; each occurrence is its own row,
    # so cancelling or moving one (an exception) is an ordinary change to that row.
    series = models.UUIDField(null=True, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["client", "starts_at"]),
            models.Index(fields=["clinician", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=5, duration_minutes__lte=480),
                name="appointment_length_sane",
                violation_error_message=APPOINTMENT_LENGTH_MESSAGE,
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class Perspective(EncryptedModel):
    """The client's perspective, in their own words, beside the clinical view."""

    encryption_owner_field = "client_id"
    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="perspective")
    what_brings_them = EncryptedTextField(_("What brings me here"), blank=True)
    hopes = EncryptedTextField(_("What I hope will change"), blank=True)
    strengths = EncryptedTextField(_("My strengths"), blank=True)
    what_has_helped = EncryptedTextField(_("What has helped before"), blank=True)
    what_has_not_helped = EncryptedTextField(_("What has not helped"), blank=True)
    culture_and_values = EncryptedTextField(
        _("My cultural context and what matters to me"), blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    def __str__(self) -> str:
        return f"Perspective of client {self.client_id}"


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter")
    IN_PERSON = "in_person", _("In person only")


class ReadingLevel(models.TextChoices):
    STANDARD = "standard", _("Standard")
    PLAIN = "plain", _("Plain language, short sentences")
    EASY_READ = "easy_read", _("Easy read (words and pictures)")
    SPOKEN = "spoken", _("Prefers things explained out loud")


class CommunicationProfile(EncryptedModel):
    encryption_owner_field = "client_id"
    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="communication")
    preferred_language = models.CharField(_("preferred language"), max_length=60, blank=True)
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    interpreter_language = models.CharField(_("interpreter language"), max_length=60, blank=True)
    reading_level = models.CharField(
        _("reading level"),
        max_length=20,
        choices=ReadingLevel.choices,
        default=ReadingLevel.STANDARD,
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    preferred_channel = models.CharField(
        _("preferred contact channel"),
        max_length=20,
        choices=ContactChannel.choices,
        blank=True,
    )
    preferred_times = models.CharField(_("best times to contact"), max_length=200, blank=True)
    what_helps = models.TextField(_("what helps communication"), blank=True)
    sensitivities = EncryptedTextField(
        _("sensitivities (topics or situations to approach with care)"), blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Communication profile of client {self.client_id}"

    @property
    def needs_banner(self) -> bool:
        return bool(self.interpreter_needed or self.sensitivities)


BREAK_GLASS_DEFAULT = timedelta(hours=4)


class BreakGlassGrant(models.Model):
    """Emergency access for a clinician outside the care team: a stated reason, a few
    hours, every read audited with the reason, and a review afterwards. It lives beside
    the care team because the door (clients/access.py) reads both; the privacy officer's
    review and its services stay in `privacy`."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="break_glass")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants"
    )
    reason = models.CharField(max_length=300)
    granted_at = models.DateTimeField(default=clock.now)
    expires_at = models.DateTimeField()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_note = models.CharField(max_length=300, blank=True)
    review_outcome = models.CharField(max_length=20, blank=True)
    expiry_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        # The table and index keep the names they had when the grant lived in `privacy`.
        db_table = "privacy_breakglassgrant"
        indexes = [
            models.Index(
                fields=["user", "client", "expires_at"], name="privacy_bre_user_id_4d9c17_idx"
            )
        ]

    def __str__(self) -> str:
        return f"Break-the-glass by {self.user} on client {self.client_id}"

    @property
    def is_active(self) -> bool:
        return self.expires_at > clock.now()
