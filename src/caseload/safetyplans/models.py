from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseload.clients.models import Client
from caseload.core.fields import EncryptedModel, EncryptedTextField


class SafetyPlanVersion(EncryptedModel):
    """One saved version of a client's safety plan. A plan is never edited in place:
    every save adds a version, so what the client was given on any day stays readable.

    The steps and their entries are one JSON document (see safetyplans/content.py),
    encrypted as a whole: every entry is clinical, and names and phone numbers of the
    client's supports are as sensitive as the rest."""

    encryption_owner_field = "client_id"
    # The model began in the safety app: its ciphertexts and audit events carry that
    # name, and its table keeps it, so moving apps changed no stored row.
    record_label = "safety.safetyplanversion"

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="safety_plan_versions"
    )
    number = models.PositiveIntegerField()
    content = EncryptedTextField()
    # What changed and why, in the clinician's words (clinical, so encrypted too).
    note = EncryptedTextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        db_table = "safety_safetyplanversion"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "number"],
                name="safety_plan_version_unique_number",
                violation_error_message=_(
                    "Someone saved a new version of this safety plan at the same moment: reload "
                    "the page and try again."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"Safety plan version {self.number} for client {self.client_id}"

    @property
    def steps(self) -> dict:
        from caseload.safetyplans.content import load

        return load(self.content)
