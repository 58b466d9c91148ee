"""Raising safety alerts, and who they reach.

`alert_raise` is the one function every risk signal calls: a positive risk item in a
measure (from a session, a link, the API or a FHIR import), a flagged check-in, a risk
assessment rated high, a missed follow-up. An alert reaches the client's care team, and
the supervisors of the care team once it escalates to them (H-012); it stays open until
someone acknowledges it.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse

from caseload.accounts.models import Supervision, User
from caseload.audit.services import audit_record
from caseload.clients.models import CareTeamMember, Client
from caseload.core import clock
from caseload.core.models import PracticeSettings
from caseload.safety import escalation
from caseload.safety.models import (
    Alert,
    AlertSeverity,
    AlertSource,
    AlertState,
    EscalationLevel,
)

logger = logging.getLogger(__name__)


def alert_raise(
    *,
    client: Client,
    severity: str,
    source: str,
    reason: str,
    evidence: str = "",
    source_obj=None,
    raised_by: User | None = None,
    request=None,
) -> Alert:
    """Raise an alert for `client`'s care team, inside the caller's transaction, so the
    risk answer and its alert are saved together or not at all. Email goes out after
    commit. The same source object never raises two alerts."""
    if severity not in AlertSeverity.values:
        raise ValueError(f"unknown alert severity {severity!r}")
    source_type = source_obj._meta.label_lower if source_obj is not None else ""
    source_id = str(source_obj.pk) if source_obj is not None else ""
    with transaction.atomic():
        if source_obj is not None:
            existing = Alert.objects.filter(
                source_type=source_type, source_id=source_id, reason=reason[:300]
            ).first()
            if existing is not None:
                return existing
        now = clock.now()
        alert = Alert(
            client=client,
            severity=severity,
            source=source,
            reason=reason[:300],
            evidence=evidence,
            source_type=source_type,
            source_id=source_id,
            raised_at=now,
            raised_by=raised_by,
        )
        alert.next_escalation_at = escalation.next_escalation_at(
            severity=severity,
            level=EscalationLevel.CARE_TEAM,
            raised_at=now,
            practice=PracticeSettings.current(),
        )
        alert.save()
        audit_record(
            action="alert.raise",
            actor=raised_by,
            request=request,
            client_id=client.pk,
            obj=alert,
            detail={"severity": severity, "source": source},
        )
        if severity == AlertSeverity.HIGH and source != AlertSource.FOLLOW_UP:
            # Follow-up contacts after every high alert, whatever raised it; not after
            # the alert for a missed follow-up, which would schedule follow-ups forever.
            from caseload.safety.services import follow_ups_schedule

            follow_ups_schedule(
                client=client,
                start=now,
                reason=f"After a high alert: {reason}",
                alert=alert,
                acting_user=raised_by,
                request=request,
            )
        transaction.on_commit(lambda: notify(alert, level=EscalationLevel.CARE_TEAM))
    return alert


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
    """The rule of `alerts_visible_to` for a user id."""
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


def notify(alert: Alert, *, level: int) -> None:
    """Email the people the alert reaches at `level` (and the on-call contact at the
    last step). The email names no client and carries no clinical detail: it says an
    alert is waiting and links to it."""
    link = settings.CASELOAD_BASE_URL + reverse("safety:alert", args=[alert.pk])
    subject = (
        f"[{PracticeSettings.current().practice_name}] {alert.get_severity_display()} "
        "safety alert waiting"
    )
    body = (
        f"A {alert.get_severity_display().lower()} safety alert is waiting for "
        f"acknowledgement. Sign in to caseload to see it: {link}"
    )
    addresses = [user.email for user in recipients(alert, level=level) if user.email]
    practice = PracticeSettings.current()
    if level >= EscalationLevel.ON_CALL and practice.on_call_email:
        addresses.append(practice.on_call_email)
    if not addresses:
        return
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, sorted(set(addresses)))
    except Exception:
        # The alert is saved and shows in the app whatever happens to the email; a mail
        # outage must not undo it or turn the clinician's page into an error.
        logger.exception("could not email alert %s at level %s", alert.pk, level)


def alert_acknowledge(
    *, acting_user: User, alert: Alert, action_taken: str, note: str = "", request=None
) -> Alert:
    """Close an alert with what was done. Only someone it has reached may do it (the
    caller got it through `alerts_visible_to`); an acknowledged alert stays closed."""
    from caseload.safety.forms import ACTIONS

    if action_taken not in dict(ACTIONS):
        raise ValidationError(f"Unknown action {action_taken!r}.")
    if action_taken == "no_action" and not note.strip():
        raise ValidationError("Say why no action was needed.")
    with transaction.atomic():
        locked = Alert.objects.select_for_update().get(pk=alert.pk)
        if locked.state != AlertState.OPEN:
            raise ValidationError("This alert was already acknowledged.")
        locked.state = AlertState.ACKNOWLEDGED
        locked.acknowledged_at = clock.now()
        locked.acknowledged_by = acting_user
        locked.action_taken = action_taken
        locked.action_note = note
        locked.next_escalation_at = None
        locked.save()
        audit_record(
            action="alert.acknowledge",
            actor=acting_user,
            request=request,
            client_id=locked.client_id,
            obj=locked,
            detail={"action_taken": action_taken},
        )
    return locked
