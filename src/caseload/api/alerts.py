"""/alerts: the caller's open safety alerts and their acknowledgement. Alerts are reached
through `alerts_visible_to` (the care team; supervisors once escalated), and the client
through the door, which writes the audit event."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from caseload.api.auth import ApiRequest
from caseload.audit.services import audit_record
from caseload.clients.access import Part, access_client
from caseload.safety.alerts import alerts_visible_to, open_alerts_most_severe_first
from caseload.safety.models import AlertAction
from caseload.safety.services import alert_acknowledge

router = Router(tags=["alerts"])


class AlertOut(Schema):
    id: int
    client_id: int
    severity: str = Field(description="moderate or high")
    reason: str
    state: str = Field(description="open or acknowledged")
    raised_at: datetime
    escalation_level: int = Field(description="0 care team, 1 supervisors, 2 on-call contact")
    acknowledged_at: datetime | None = None
    action_taken: str = ""


class AcknowledgeIn(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    action_taken: str = Field(
        description=", ".join(AlertAction.values[:-1]) + " or " + AlertAction.values[-1]
    )
    note: str = Field("", max_length=4000, description="Required with no_action: say why.")


def _clinical(user) -> None:
    # Alerts are for the people who treat and supervise, as in the browser.
    if not user.is_clinical:
        raise PermissionDenied("Only clinicians and supervisors receive safety alerts.")


@router.get("/alerts", response=list[AlertOut], url_name="alerts_list", operation_id="alerts_list")
def alerts_list(request: ApiRequest):
    """Your open alerts, most severe and oldest first."""
    _clinical(request.auth)
    alerts = list(open_alerts_most_severe_first(request.auth))
    audit_record(
        action="api.alerts.list",
        actor=request.auth,
        request=request,
        detail={"alert_ids": [alert.pk for alert in alerts]},
    )
    return alerts


@router.post(
    "/alerts/{alert_id}/acknowledge",
    response=AlertOut,
    url_name="alert_acknowledge",
    operation_id="alert_acknowledge",
)
def alert_acknowledge_api(request: ApiRequest, alert_id: int, payload: AcknowledgeIn):
    """Acknowledge an alert that has reached you, with the action taken. 404 if it has
    not reached you; 422 with the reason if the action is unknown, a no-action has no
    note, or it was already acknowledged."""
    _clinical(request.auth)
    found = get_object_or_404(alerts_visible_to(request.auth), pk=alert_id)
    access_client(
        request.auth,
        found.client_id,
        part=Part.CLINICAL,
        write=True,
        purpose="api: acknowledge safety alert",
        request=request,
    )
    return alert_acknowledge(
        acting_user=request.auth,
        alert=found,
        action_taken=payload.action_taken,
        note=payload.note,
        request=request,
    )
