"""The safety app's models, one module per concern; import them from here."""

from caseload.safety.models.alerts import (  # noqa: F401
    Alert,
    AlertSeverity,
    AlertSource,
    AlertState,
    EscalationLevel,
)
