from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseload.clients.models import Client
from caseload.core.fields import EncryptedModel, EncryptedTextField


class AlertSeverity(models.TextChoices):
    MODERATE = "moderate", _("Moderate")
    HIGH = "high", _("High")


class AlertSource(models.TextChoices):
    MEASURE = "measure", _("Measure answer")
    CHECKIN = "checkin", _("Between-session check-in")
    RISK_ASSESSMENT = "risk_assessment", _("Risk assessment")
    FOLLOW_UP = "follow_up", _("Missed follow-up")
    CRISIS = "crisis", _("Crisis event")
    CLIENT_TEXT = "client_text", _("Client's written words")


class AlertState(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")


class AlertAction(models.TextChoices):
    """What the person acknowledging an alert did: the one vocabulary for the form, the
    service and the API."""

    CONTACTED_CLIENT = "contacted_client", _("Contacted the client")
    SAFETY_PLAN_REVIEWED = "safety_plan_reviewed", _("Reviewed the safety plan with the client")
    EMERGENCY_SERVICES = "emergency_services", _("Called emergency services")
    CRISIS_EVENT = "crisis_event", _("Started a crisis event")
    NO_ACTION = "no_action", _("No action needed (say why)")


class EscalationLevel(models.IntegerChoices):
    CARE_TEAM = 0, _("Care team")
    SUPERVISOR = 1, _("Supervisor")
    ON_CALL = 2, _("On-call contact")


class Alert(EncryptedModel):
    """A safety alert about a client. It stays open until a person acknowledges it with
    the action they took; it is never closed automatically (ARCHITECTURE.md: crises)."""

    encryption_owner_field = "client_id"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="alerts")
    severity = models.CharField(max_length=10, choices=AlertSeverity.choices)
    source = models.CharField(max_length=20, choices=AlertSource.choices)
    # Plain words for the header and lists, e.g. "PHQ-9 item 9 answered 'several days'".
    reason = models.CharField(max_length=300)
    # What raised it (the answer, the check-in text): clinical, so encrypted.
    evidence = EncryptedTextField(blank=True)
    source_type = models.CharField(max_length=64, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    raised_at = models.DateTimeField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(max_length=20, choices=AlertState.choices, default=AlertState.OPEN)
    escalation_level = models.PositiveSmallIntegerField(
        choices=EscalationLevel.choices, default=EscalationLevel.CARE_TEAM
    )
    next_escalation_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action_taken = models.CharField(max_length=40, blank=True, choices=AlertAction.choices)
    action_note = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["-raised_at"]
        indexes = [
            models.Index(fields=["state", "next_escalation_at"]),
            models.Index(fields=["client", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_severity_display()} alert for client {self.client_id}: {self.reason}"

    @property
    def tone(self) -> str:
        """How pages mark the alert: danger when high, warning otherwise."""
        return "danger" if self.severity == AlertSeverity.HIGH else "warning"

    @property
    def is_open(self) -> bool:
        return self.state == AlertState.OPEN
