"""The safety app's models, one module per concern; import them from here."""

from caseload.safety.models.alerts import (  # noqa: F401
    Alert,
    AlertAction,
    AlertSeverity,
    AlertSource,
    AlertState,
    EscalationLevel,
)
from caseload.safety.models.assessments import RiskAssessment, RiskLevel  # noqa: F401, E402
from caseload.safety.models.checkins import Checkin, CheckinChannel  # noqa: F401, E402
from caseload.safety.models.crisis import CrisisEvent, CrisisOutcome, CrisisStep  # noqa: F401, E402
from caseload.safety.models.followups import FollowUp  # noqa: F401, E402
from caseload.safety.models.screened import ScreenedText  # noqa: F401, E402
