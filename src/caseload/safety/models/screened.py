from django.db import models
from django.utils.translation import gettext_lazy as _

from caseload.clients.models import Client
from caseload.core.fields import EncryptedModel, EncryptedTextField


class ScreenedText(EncryptedModel):
    """What the risk-language screen found in one piece of text a client wrote outside a
    check-in (a session-feedback comment, a typed name when signing), kept with the
    rules version, so the clinician reading the text sees the matched words marked and
    what was decided can be shown later exactly as it was. Check-ins keep their own."""

    encryption_owner_field = "client_id"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="screened_texts")
    source_type = models.CharField(max_length=64)  # app_label.model of the row holding the text
    source_id = models.CharField(max_length=64)
    field = models.CharField(max_length=40)
    flagged = models.BooleanField(default=False)
    severity = models.CharField(max_length=10, blank=True)
    # The matched spans as JSON: they quote the client's words, so encrypted.
    matches = EncryptedTextField(blank=True)
    rules_version = models.CharField(max_length=40)
    screened_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id", "field"],
                name="screened_text_once",
                violation_error_message=_("This text has already been screened."),
            )
        ]

    def __str__(self) -> str:
        return f"Screened {self.source_type} {self.source_id} {self.field}"

    def match_list(self) -> list[dict]:
        import json

        return json.loads(self.matches) if self.matches else []
