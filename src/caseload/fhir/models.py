"""Which FHIR Patient identifiers an imported client was created from, so that a second
import of the same patient adds to the same record instead of creating a duplicate."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from caseload.clients.models import Client


class PatientIdentifier(models.Model):
    """One `Patient.identifier` (system and value) of an imported client. An identifier
    names one client only (the unique constraint), so a match is never ambiguous."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="fhir_identifiers")
    system = models.CharField(max_length=255)
    value = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["system", "value"],
                name="fhir_identifier_unique",
                violation_error_message=_("This identifier already belongs to a client."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.system}|{self.value} -> client {self.client_id}"
