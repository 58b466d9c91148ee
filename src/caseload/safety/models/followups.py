"""Follow-up contacts scheduled after a crisis event or a high alert: tasks for the
clinician that raise an alert of their own when missed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseload.clients.models import Client
from caseload.core.fields import EncryptedModel, EncryptedTextField
from caseload.safety.models.alerts import Alert
from caseload.safety.models.crisis import CrisisEvent


class FollowUp(EncryptedModel):
    encryption_owner_field = "client_id"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="follow_ups")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    due_at = models.DateTimeField()
    # Why it exists, in plain words ("After a crisis event on Tue 3 Mar"), and from what.
    reason = models.CharField(max_length=300)
    alert = models.ForeignKey(
        Alert, null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups"
    )
    crisis_event = models.ForeignKey(
        CrisisEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups"
    )
    created_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = EncryptedTextField(_("note"), blank=True)
    # The alert raised when it was missed: set once, so a follow-up raises one alert.
    missed_alert = models.OneToOneField(
        Alert, null=True, blank=True, on_delete=models.PROTECT, related_name="missed_follow_up"
    )

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["done_at", "due_at"])]

    def __str__(self) -> str:
        return f"Follow-up for client {self.client_id} due {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
