"""The professional's side (difficulties 6 and 8): contacts between sessions, the boundary
log, the private self-check, the supervision log and the practice's workload thresholds.

Free text is encrypted. Contact notes and boundary reflections belong to a client's
record, so the client is bound into their ciphertext; a self-check belongs to the
professional alone, so the owner bound into it is the user."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseload.clients.models import Client
from caseload.core.fields import EncryptedModel, EncryptedTextField


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")
    VIDEO = "video", _("Video call")
    IN_PERSON = "in_person", _("In person")
    SOCIAL_MEDIA = "social_media", _("Social media or messaging app")


class InitiatedBy(models.TextChoices):
    CLIENT = "client", _("The client")
    PROFESSIONAL = "professional", _("Me")
    SOMEONE_ELSE = "someone_else", _("Someone else (family, another service)")


class ContactLog(EncryptedModel):
    """One contact with a client outside a session, marked against the contact policy
    that held when it was logged (the marks are kept, so a later change of agreement
    does not rewrite history)."""

    encryption_owner_field = "client_id"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="contacts")
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contacts_logged"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=ContactChannel.choices)
    initiated_by = models.CharField(
        _("who started it"), max_length=20, choices=InitiatedBy.choices
    )
    started_at = models.DateTimeField(_("when it started"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("how long (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    note = EncryptedTextField(_("short note"), blank=True)
    out_of_hours = models.BooleanField(default=False)
    off_channel = models.BooleanField(default=False)
    policy_source = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["professional", "started_at"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} contact with client {self.client_id}"

    @property
    def within_policy(self) -> bool:
        return not (self.out_of_hours or self.off_channel)

    @property
    def initiated_by_professional(self) -> bool:
        return self.initiated_by == InitiatedBy.PROFESSIONAL


class BoundaryKind(models.TextChoices):
    GIFT = "gift", _("A gift offered or accepted")
    DUAL_RELATIONSHIP = "dual_relationship", _("A dual or overlapping relationship")
    SELF_DISCLOSURE = "self_disclosure", _("Self-disclosure")
    SOCIAL_MEDIA = "social_media", _("A request to connect on social media")
    PHYSICAL_CONTACT = "physical_contact", _("Physical contact")
    EXTENDED_SESSION = "extended_session", _("A session that ran over")
    OTHER = "other", _("Something else")


class BoundaryEvent(EncryptedModel):
    """An event that deserves reflection. Private to the professional, except that an
    entry they flag for supervision is seen by their supervisor(s)."""

    encryption_owner_field = "client_id"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="boundary_events")
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="boundary_events"
    )
    kind = models.CharField(_("what happened"), max_length=30, choices=BoundaryKind.choices)
    occurred_on = models.DateField(_("when"))
    minutes_over = models.PositiveSmallIntegerField(
        _("minutes over (for a session that ran over)"), null=True, blank=True
    )
    reflection = EncryptedTextField(_("a short reflective note"), blank=True)
    discuss_in_supervision = models.BooleanField(_("discuss in supervision"), default=False)
    discussed_in = models.ForeignKey(
        "SupervisionSession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="boundary_items",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.occurred_on})"

    @property
    def waiting_for_supervision(self) -> bool:
        return self.discuss_in_supervision and self.discussed_in_id is None


class Instrument(models.TextChoices):
    PROQOL5 = "proqol5", _("ProQOL 5 (30 questions)")
    WHO5 = "who5", _("WHO-5 (5 questions)")


class SelfCheck(EncryptedModel):
    """One private self-check. The answers and the result are one encrypted JSON value
    bound to the professional; only the time and the instrument are plain, so that the
    owner's trend can be ordered and the practice's team counts made."""

    encryption_owner_field = "user_id"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_checks"
    )
    instrument = models.CharField(max_length=10, choices=Instrument.choices)
    taken_at = models.DateTimeField()
    result = EncryptedTextField()

    class Meta:
        ordering = ["-taken_at", "-id"]
        indexes = [models.Index(fields=["user", "taken_at"])]

    def __str__(self) -> str:
        return f"Self-check {self.pk}"


class WorkloadSettings(models.Model):
    """The practice's thresholds (one row, edited by an administrator). A figure at or
    above its threshold shows a nudge; below it, nothing."""

    caseload_capacity = models.PositiveSmallIntegerField(
        _("active clients a full caseload holds"), default=25
    )
    high_risk_clients = models.PositiveSmallIntegerField(
        _("clients at high risk before a nudge"), default=4
    )
    alerts_and_crises = models.PositiveSmallIntegerField(
        _("crisis events in a fortnight before suggesting a debrief"), default=3
    )
    out_of_hours_contacts = models.PositiveSmallIntegerField(
        _("out-of-hours contacts in 30 days before a nudge"), default=5
    )
    out_of_hours_one_client = models.PositiveSmallIntegerField(
        _("out-of-hours contacts with one client in 30 days before a nudge"), default=3
    )
    sessions_running_over = models.PositiveSmallIntegerField(
        _("sessions running over in 30 days before a nudge"), default=3
    )
    sessions_per_week = models.PositiveSmallIntegerField(
        _("sessions in a week before a nudge"), default=25
    )
    days_without_break = models.PositiveSmallIntegerField(
        _("days worked in a row before a nudge"), default=10
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return "Workload thresholds"

    @classmethod
    def current(cls) -> "WorkloadSettings":
        """The practice's thresholds. Until an administrator first saves them these are
        the defaults, unsaved: reading never writes (the first save is an audited change
        in `wellbeing.services.workload_settings_save`)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class SupervisionSession(EncryptedModel):
    """A supervision session between a supervisor and a supervisee."""

    encryption_owner_field = "supervisee_id"

    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervision_given"
    )
    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervision_received"
    )
    held_on = models.DateField(_("date"))
    notes = EncryptedTextField(_("notes"), blank=True)
    cases = models.ManyToManyField(Client, blank=True, related_name="+")
    # The workload nudges brought to the session, by code (see wellbeing/workload.py).
    nudges = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Supervision on {self.held_on}"


class ActionItem(EncryptedModel):
    encryption_owner_field = "session_id"

    session = models.ForeignKey(
        SupervisionSession, on_delete=models.CASCADE, related_name="action_items"
    )
    text = EncryptedTextField(_("action"))
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["done_at", "due_on", "id"]

    def __str__(self) -> str:
        return f"Action due {self.due_on}"
