"""Who safety alerts reach, and the alerts a user may see. An alert reaches the client's
care team, and the supervisors of the care team once it escalates to them (H-012); it
stays open until someone acknowledges it. Raising, notifying and acknowledging are
writes, in `safety.services`.
"""

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from caseload.accounts.models import User
from caseload.clients.access import alert_recipients
from caseload.clients.access import alert_visible_rule as access_alert_rule
from caseload.safety.models import (
    Alert,
    AlertSeverity,
    AlertState,
    EscalationLevel,
)


def recipients(alert: Alert, *, level: int) -> list[User]:
    """The people an alert reaches at `level`: the care team; from level 1 also the
    care team's supervisors (clients.access.alert_recipients). Level 2 adds the
    practice's on-call contact, by email."""
    return alert_recipients(
        alert.client_id, reaches_supervisors=level >= EscalationLevel.SUPERVISOR
    )


def alerts_visible_to(user) -> QuerySet[Alert]:
    """Alerts `user` may see: those of clients on their care teams, and, once an alert
    has escalated to supervisors, those of their supervisees' clients."""
    if not user.is_authenticated or not user.is_active:
        return Alert.objects.none()
    return Alert.objects.filter(alert_visible_rule(user.pk))


def alert_visible_rule(user_id) -> Q:
    """The rule of `alerts_visible_to` for a user id: clients.access.alert_visible_rule,
    with supervisors reached once the alert has escalated to them."""
    return access_alert_rule(
        user_id, escalated=Q(escalation_level__gte=EscalationLevel.SUPERVISOR)
    )


def open_alerts_for(user) -> QuerySet[Alert]:
    return alerts_visible_to(user).filter(state=AlertState.OPEN)


def open_alerts_most_severe_first(user) -> QuerySet[Alert]:
    """`open_alerts_for(user)`, high severity before moderate (an ordering by rank: the
    severities' names do not sort that way), then the longest waiting first."""
    rank = Case(
        When(severity=AlertSeverity.HIGH, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return open_alerts_for(user).select_related("client").order_by(rank, "raised_at", "id")


def open_alert_count(user) -> int:
    """How many of `open_alerts_for(user)` there are, for the header of every page."""
    return open_alerts_for(user).count()
