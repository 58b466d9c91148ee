from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseload.clients.models import Client
from caseload.core.fields import EncryptedModel, EncryptedTextField

SCALE = [MinValueValidator(0), MaxValueValidator(10)]


class CheckinChannel(models.TextChoices):
    LINK = "link", _("Check-in link")
    TEXT_MESSAGE = "text_message", _("Text message")
    VOICEMAIL = "voicemail", _("Voicemail")
    PHONE_CALL = "phone_call", _("Phone call")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter or note")
    OTHER = "other", _("Other")


class Checkin(EncryptedModel):
    """A short between-session check-in: three 0-10 scales and the client's words.

    The text is screened for risk language when it is saved (safety/screening.py); the
    matched spans and the rules version are kept with it, so what was flagged, and why,
    can be shown later exactly as it was decided."""

    encryption_owner_field = "client_id"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="checkins")
    # Higher is better for mood and sleep; higher is worse for stress (as the form says).
    mood = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCALE)
    sleep = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCALE)
    stress = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCALE)
    text = EncryptedTextField(blank=True)
    channel = models.CharField(max_length=20, choices=CheckinChannel.choices)
    received_at = models.DateTimeField()
    # None when the client sent it through their link.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    flagged = models.BooleanField(default=False)
    severity = models.CharField(max_length=10, blank=True)
    # The matched spans as JSON: they quote the client's words, so encrypted.
    matches = EncryptedTextField(blank=True)
    rules_version = models.CharField(max_length=40)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["client", "received_at"])]

    def __str__(self) -> str:
        return f"Check-in {self.pk} from client {self.client_id}"

    @property
    def tone(self) -> str:
        """How pages mark a flagged check-in: danger when the screen said high."""
        return "danger" if self.severity == "high" else "warning"

    def match_list(self) -> list[dict]:
        import json

        return json.loads(self.matches) if self.matches else []
