"""Crisis events: a guided checklist drawn from the practice's protocol, each step
time-stamped as it is done, closed only with an outcome."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseload.clients.models import Client
from caseload.core.fields import EncryptedModel, EncryptedTextField


class CrisisOutcome(models.TextChoices):
    SAFE = "safe", _("Client safe; safety plan in place")
    SUPPORTS = "supports", _("Client safe with supports involved")
    EMERGENCY = "emergency", _("Emergency services involved")
    ADMITTED = "admitted", _("Admitted to hospital")
    UNREACHABLE = "unreachable", _("Client could not be reached; welfare check requested")
    # Harm occurred or nearly did: what a later debrief (issue 7) is offered for.
    SERIOUS = "serious", _("Serious incident")


class CrisisEvent(EncryptedModel):
    encryption_owner_field = "client_id"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="crisis_events")
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    summary = EncryptedTextField(_("what is happening"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=CrisisOutcome.choices, blank=True
    )
    outcome_note = EncryptedTextField(_("about the outcome"), blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            # The rule the service enforces, kept by the database too.
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True) | ~models.Q(outcome=""),
                name="crisis_closes_with_an_outcome",
                violation_error_message=_(
                    "Choose the outcome of the crisis event before closing it."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"Crisis event for client {self.client_id} at {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class CrisisStep(EncryptedModel):
    """One step of the protocol, copied from the practice's settings when the event
    starts, so a later change to the protocol never rewrites a past event."""

    encryption_owner_field = "client_id"

    # The client too, so the step's note is bound to them like every clinical text.
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(CrisisEvent, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=300)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        ordering = ["event", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "position"],
                name="one_step_per_position",
                violation_error_message=_(
                    "This crisis event already has a step in that position."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
