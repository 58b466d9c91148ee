"""Writing safety records: raising, escalating and acknowledging alerts, risk
assessments, crisis events, follow-up contacts and the practice's safety settings. Each
function validates first, then writes its rows and its audit event in one transaction;
emails go out after commit. Callers have been through the door
(`clients.access.access_client`) for the client concerned.

`alert_raise` is the one function every risk signal calls: a positive risk item in a
measure (from a session, a link, the API or a FHIR import), a flagged check-in, a risk
assessment rated high, a missed follow-up (H-012). Who an alert reaches is read from
`safety.alerts`.

`alerts_escalate_due` and `follow_ups_raise_missed` are what `caseload tick` runs, on
every app server at once if need be (see `_lock_next`)."""

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import connection, models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from caseload.accounts.models import CLINICAL_ROLES, User
from caseload.audit.services import audit_record
from caseload.clients.models import CareTeamRole, Client
from caseload.core import clock
from caseload.core.models import PracticeSettings
from caseload.safety import escalation
from caseload.safety.alerts import recipients
from caseload.safety.models import (
    Alert,
    AlertAction,
    AlertSeverity,
    AlertSource,
    AlertState,
    CrisisEvent,
    CrisisOutcome,
    CrisisStep,
    EscalationLevel,
    FollowUp,
    RiskAssessment,
)
from caseload.safety.models.assessments import (
    PROTECTIVE_FACTORS,
    RISK_FACTORS,
)

logger = logging.getLogger(__name__)

# --- escalation (`caseload tick`) -------------------------------------------------------


_Row = TypeVar("_Row", bound=models.Model)


def _lock_next(queryset: QuerySet[_Row]) -> _Row | None:
    """The first row of `queryset`, locked for this transaction, or None.

    Several app servers may run `caseload tick` at the same minute. On PostgreSQL the row
    lock skips rows another runner holds, so two runners share the work instead of
    queueing on it. SQLite has no row locks: there the IMMEDIATE transaction (settings.py)
    takes the database's write lock when it begins, so runners take turns, and each sees
    what the one before it committed. Either way the compare-and-set UPDATE in the caller
    is the last guard: it changes nothing if the row moved on since it was read.
    """
    if connection.features.has_select_for_update_skip_locked:
        queryset = queryset.select_for_update(skip_locked=True)
    return queryset.first()


def alerts_escalate_due() -> int:
    """Move every open alert whose escalation time has come up one step (several steps
    for an alert left for longer), notify the people it now reaches, and audit each step
    as `alert.escalate`. One transaction per step, so a failure leaves the others done.
    Returns the number of steps taken."""
    steps = 0
    while _escalate_one():
        steps += 1
    return steps


def _escalate_one() -> bool:
    now = clock.now()
    practice = PracticeSettings.current()
    with transaction.atomic():
        alert = _lock_next(
            Alert.objects.filter(state=AlertState.OPEN, next_escalation_at__lte=now).order_by(
                "next_escalation_at", "id"
            )
        )
        if alert is None:
            return False
        step = escalation.escalation_step(
            severity=alert.severity,
            level=alert.escalation_level,
            raised_at=alert.raised_at,
            due_at=alert.next_escalation_at,
            now=now,
            practice=practice,
        )
        if step is None:
            # At its last step: nothing further is due, so it leaves the queue (it stays
            # open and in everyone's inbox until someone acknowledges it).
            Alert.objects.filter(pk=alert.pk, escalation_level=alert.escalation_level).update(
                next_escalation_at=None
            )
            return True
        new_level, next_at = step
        changed = Alert.objects.filter(
            pk=alert.pk, state=AlertState.OPEN, escalation_level=alert.escalation_level
        ).update(escalation_level=new_level, next_escalation_at=next_at)
        if not changed:
            return True  # another runner took this step first: not twice
        alert.escalation_level, alert.next_escalation_at = new_level, next_at
        audit_record(
            action="alert.escalate",
            client_id=alert.client_id,
            obj=alert,
            detail={"level": new_level, "severity": alert.severity},
        )
        transaction.on_commit(lambda: notify(alert, level=new_level))
    return True


# --- follow-up contacts ----------------------------------------------------------------


def _assignee(client: Client, fallback: User | None) -> User | None:
    """Follow-ups are the primary clinician's tasks; without one, the person whose action
    scheduled them, if they treat the client."""
    primary = client.care_team.filter(role=CareTeamRole.PRIMARY, user__is_active=True).first()
    if primary is not None:
        return primary.user
    if fallback is not None and client.care_team.filter(user=fallback).exists():
        return fallback
    member = client.care_team.filter(user__is_active=True).first()
    return member.user if member is not None else None


def follow_ups_schedule(
    *,
    client: Client,
    start: datetime,
    reason: str,
    alert: Alert | None = None,
    crisis_event: CrisisEvent | None = None,
    acting_user: User | None = None,
    request: HttpRequest | None = None,
) -> list[FollowUp]:
    """Schedule the practice's follow-up contacts after `start` (a crisis event or a
    high alert), inside the caller's transaction."""
    hours = PracticeSettings.current().follow_up_schedule()
    assignee = _assignee(client, acting_user)
    now = clock.now()
    with transaction.atomic():
        created = [
            FollowUp.objects.create(
                client=client,
                assigned_to=assignee,
                due_at=due_at,
                reason=reason[:300],
                alert=alert,
                crisis_event=crisis_event,
                created_at=now,
            )
            for due_at in escalation.follow_up_due_times(start, hours)
        ]
        audit_record(
            action="follow_up.schedule",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=created[0] if created else None,
            detail={
                "follow_up_ids": [follow_up.pk for follow_up in created],
                "hours": hours,
                "assigned_to": getattr(assignee, "username", None),
            },
        )
    return created


def follow_up_complete(
    *, acting_user: User, follow_up: FollowUp, note: str, request: HttpRequest | None = None
) -> FollowUp:
    """Mark a follow-up contact done, with what happened. A missed one can still be done
    (late); its alert stays until someone acknowledges it."""
    if not note.strip():
        raise ValidationError("Say how the follow-up went.")
    with transaction.atomic():
        locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        if locked.is_done:
            raise ValidationError("This follow-up is already marked done.")
        locked.done_at = clock.now()
        locked.done_by = acting_user
        locked.note = note.strip()
        locked.save(update_fields=["done_at", "done_by", "note"])
        audit_record(
            action="follow_up.done",
            actor=acting_user,
            request=request,
            client_id=locked.client_id,
            obj=locked,
            detail={"late": locked.done_at > locked.due_at},
        )
    return locked


def follow_ups_raise_missed() -> int:
    """Raise one high alert for each follow-up past its due time and not done (H-025: a
    missed follow-up raises an alert). Safe with several runners, like escalation."""
    raised = 0
    while _raise_one_missed():
        raised += 1
    return raised


def _raise_one_missed() -> bool:
    now = clock.now()
    with transaction.atomic():
        follow_up = _lock_next(
            FollowUp.objects.filter(
                done_at__isnull=True, missed_alert__isnull=True, due_at__lte=now
            ).order_by("due_at", "id")
        )
        if follow_up is None:
            return False
        due = date_format(timezone.localtime(follow_up.due_at), "DATETIME_FORMAT")
        alert = alert_raise(
            client=follow_up.client,
            severity=AlertSeverity.HIGH,
            source=AlertSource.FOLLOW_UP,
            reason=f"Follow-up contact due {due} was not recorded as done",
            evidence=follow_up.reason,
            source_obj=follow_up,
        )
        # Compare-and-set: only the first runner links its alert (alert_raise itself
        # returns the existing alert for the same follow-up).
        FollowUp.objects.filter(pk=follow_up.pk, missed_alert__isnull=True).update(
            missed_alert=alert
        )
    return True


# --- risk assessment -------------------------------------------------------------------

ASSESSMENT_FIELDS = (
    "thoughts",
    "thoughts_notes",
    "plan",
    "plan_notes",
    "intent",
    "intent_notes",
    "means",
    "means_notes",
    "past_behaviour",
    "past_behaviour_notes",
    "risk_factors",
    "risk_factors_notes",
    "protective_factors",
    "protective_factors_notes",
    "formulation",
    "risk_level",
    "risk_level_reason",
    "management_plan",
    "next_review_on",
)


def risk_assessment_record(
    *,
    acting_user: User,
    client: Client,
    fields: dict[str, Any],
    request: HttpRequest | None = None,
) -> RiskAssessment:
    """Save a new risk assessment, signed by `acting_user` now. Rated high or imminent, it
    raises a high alert for the care team, which schedules the follow-up contacts."""
    if acting_user.role not in CLINICAL_ROLES:
        raise ValidationError("Only clinicians and supervisors complete risk assessments.")
    unknown = sorted(set(fields) - set(ASSESSMENT_FIELDS))
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(unknown)}.")
    _check_codes(fields.get("risk_factors", []), RISK_FACTORS, "risk_factors")
    _check_codes(fields.get("protective_factors", []), PROTECTIVE_FACTORS, "protective_factors")
    review = fields.get("next_review_on")
    if review is not None and review < clock.today():
        raise ValidationError({"next_review_on": "The next review cannot be in the past."})
    assessment = RiskAssessment(
        client=client, author=acting_user, recorded_at=clock.now(), **fields
    )
    assessment.full_clean()
    with transaction.atomic():
        assessment.save()
        audit_record(
            action="risk_assessment.record",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=assessment,
            detail={"risk_level": assessment.risk_level},
        )
        if assessment.is_high_risk:
            alert_raise(
                client=client,
                severity=AlertSeverity.HIGH,
                source=AlertSource.RISK_ASSESSMENT,
                reason=f"Risk assessment by {acting_user} rated the risk "
                f"{assessment.get_risk_level_display().lower()}",
                evidence=assessment.risk_level_reason,
                source_obj=assessment,
                raised_by=acting_user,
                request=request,
            )
    return assessment


def _check_codes(codes: Iterable[str], known: Iterable[tuple[str, object]], field: str) -> None:
    unknown = set(codes) - {code for code, _label in known}
    if unknown:
        raise ValidationError({field: f"Unknown item(s): {', '.join(sorted(unknown))}."})


# --- crisis events ---------------------------------------------------------------------


def crisis_event_start(
    *, acting_user: User, client: Client, summary: str = "", request: HttpRequest | None = None
) -> CrisisEvent:
    """Open a crisis event with the practice's protocol as its checklist, and schedule
    the follow-up contacts from now (so they exist even if the event is never closed)."""
    if acting_user.role not in CLINICAL_ROLES:
        raise ValidationError("Only clinicians and supervisors start crisis events.")
    if client.crisis_events.filter(closed_at__isnull=True).exists():
        raise ValidationError("A crisis event is already open for this client: continue it.")
    steps = PracticeSettings.current().crisis_protocol_steps()
    now = clock.now()
    with transaction.atomic():
        event = CrisisEvent.objects.create(
            client=client, started_at=now, started_by=acting_user, summary=summary.strip()
        )
        CrisisStep.objects.bulk_create(
            [
                CrisisStep(client=client, event=event, position=number, label=label[:300])
                for number, label in enumerate(steps, start=1)
            ]
        )
        audit_record(
            action="crisis.start",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=event,
            detail={"steps": len(steps)},
        )
        when = date_format(timezone.localtime(now), "DATETIME_FORMAT")
        follow_ups_schedule(
            client=client,
            start=now,
            reason=f"After the crisis event of {when}",
            crisis_event=event,
            acting_user=acting_user,
            request=request,
        )
    return event


def crisis_step_complete(
    *, acting_user: User, step: CrisisStep, note: str = "", request: HttpRequest | None = None
) -> CrisisStep:
    """Time-stamp a step of an open crisis event as done, with an optional note."""
    with transaction.atomic():
        locked = CrisisStep.objects.select_for_update().select_related("event").get(pk=step.pk)
        if not locked.event.is_open:
            raise ValidationError("This crisis event is closed.")
        if locked.is_done:
            raise ValidationError("This step is already done.")
        locked.done_at = clock.now()
        locked.done_by = acting_user
        locked.note = note.strip()
        locked.save(update_fields=["done_at", "done_by", "note"])
        audit_record(
            action="crisis.step",
            actor=acting_user,
            request=request,
            client_id=locked.client_id,
            obj=locked,
            detail={"event": locked.event_id, "position": locked.position},
        )
    return locked


def crisis_event_close(
    *,
    acting_user: User,
    event: CrisisEvent,
    outcome: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> CrisisEvent:
    """Close a crisis event with its outcome. Steps left undone need a note saying why."""
    if outcome not in CrisisOutcome.values:
        raise ValidationError({"outcome": "Choose the outcome of the crisis event."})
    undone = event.steps.filter(done_at__isnull=True).count()
    if undone and not note.strip():
        raise ValidationError(
            {"note": f"{undone} step(s) are not done: say why before closing the event."}
        )
    with transaction.atomic():
        locked = CrisisEvent.objects.select_for_update().get(pk=event.pk)
        if not locked.is_open:
            raise ValidationError("This crisis event is already closed.")
        locked.closed_at = clock.now()
        locked.closed_by = acting_user
        locked.outcome = outcome
        locked.outcome_note = note.strip()
        locked.save(update_fields=["closed_at", "closed_by", "outcome", "outcome_note"])
        audit_record(
            action="crisis.close",
            actor=acting_user,
            request=request,
            client_id=locked.client_id,
            obj=locked,
            detail={"outcome": outcome, "steps_not_done": undone},
        )
    return locked


# --- the practice's safety settings ----------------------------------------------------

PRACTICE_SAFETY_FIELDS = (
    "practice_name",
    "crisis_lines",
    "on_call_name",
    "on_call_email",
    "on_call_phone",
    "high_alert_supervisor_minutes",
    "high_alert_on_call_minutes",
    "moderate_alert_working_hours",
    "crisis_protocol",
    "follow_up_hours",
)


def practice_settings_update(
    *, acting_user: User, changes: dict[str, Any], request: HttpRequest | None = None
) -> PracticeSettings:
    """Change the practice's crisis lines, on-call contact, escalation times, crisis
    protocol and follow-up schedule (administrators). New times apply to alerts raised
    from then on; alerts already waiting keep the time they were given."""
    unknown = sorted(set(changes) - set(PRACTICE_SAFETY_FIELDS))
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(unknown)}.")
    practice = PracticeSettings.current()
    changed = [name for name, value in changes.items() if getattr(practice, name) != value]
    for name, value in changes.items():
        setattr(practice, name, value)
    practice.full_clean()
    if not changed:
        return practice
    with transaction.atomic():
        # The first save writes the whole row; later ones only what changed.
        practice.save(update_fields=None if practice._state.adding else [*changed, "updated_at"])
        audit_record(
            action="practice_settings.update",
            actor=acting_user,
            request=request,
            obj=practice,
            detail={"fields": changed},
        )
    return practice


# --- alerts: raising, notifying, acknowledging -------------------------------------------


def alert_raise(
    *,
    client: Client,
    severity: str,
    source: str,
    reason: str,
    evidence: str = "",
    source_obj: models.Model | None = None,
    raised_by: User | None = None,
    request: HttpRequest | None = None,
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
    *,
    acting_user: User,
    alert: Alert,
    action_taken: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> Alert:
    """Close an alert with what was done. Only someone it has reached may do it (the
    caller got it through `alerts_visible_to`); an acknowledged alert stays closed."""
    if action_taken not in AlertAction.values:
        raise ValidationError(f"Unknown action {action_taken!r}.")
    if action_taken == AlertAction.NO_ACTION and not note.strip():
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
