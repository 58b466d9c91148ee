"""Who safety alerts reach, and the alerts a user may see. An alert reaches the client's
care team, and the supervisors of the care team once it escalates to them (H-012); it
stays open until someone acknowledges it. Raising, notifying and acknowledging are
writes, in `safety.services`.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from caseload.accounts.models import Supervision, User
from caseload.clients.models import CareTeamMember
from caseload.safety.models import (
    Alert,
    AlertState,
    EscalationLevel,
)


def care_team_users(client_id: int) -> QuerySet[User]:
    return User.objects.filter(is_active=True, care_teams__client_id=client_id).distinct()


def supervisors_of_care_team(client_id: int) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True,
        supervision_of__supervisee__care_teams__client_id=client_id,
    ).distinct()


def recipients(alert: Alert, *, level: int) -> list[User]:
    """The people an alert reaches at `level`: the care team; from level 1 also the
    care team's supervisors. (Level 2 adds the practice's on-call contact, by email.)"""
    people = {user.pk: user for user in care_team_users(alert.client_id)}
    if level >= EscalationLevel.SUPERVISOR:
        people.update({user.pk: user for user in supervisors_of_care_team(alert.client_id)})
    return list(people.values())


def alerts_visible_to(user) -> QuerySet[Alert]:
    """Alerts `user` may see: those of clients on their care teams, and, once an alert
    has escalated to supervisors, those of their supervisees' clients."""
    if not user.is_authenticated or not user.is_active:
        return Alert.objects.none()
    return Alert.objects.filter(alert_visible_rule(user.pk))


def alert_visible_rule(user_id) -> Q:
    """The rule of `alerts_visible_to` for a user id, or for a Param standing in for one
    (the header's prepared count)."""
    own = CareTeamMember.objects.filter(client=OuterRef("client_id"), user_id=user_id)
    supervised = CareTeamMember.objects.filter(
        client=OuterRef("client_id"),
        user__in=Supervision.objects.filter(supervisor_id=user_id).values("supervisee"),
    )
    return Q(Exists(own)) | Q(Exists(supervised), escalation_level__gte=EscalationLevel.SUPERVISOR)


def open_alerts_for(user) -> QuerySet[Alert]:
    return alerts_visible_to(user).filter(state=AlertState.OPEN)


def open_alert_count(user) -> int:
    """How many of `open_alerts_for(user)` there are, for the header of every page."""
    return open_alerts_for(user).count()
