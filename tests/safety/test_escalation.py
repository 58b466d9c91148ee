"""Escalation of unacknowledged alerts by `caseload tick`, and who an alert reaches.

Hazards guarded: "an unacknowledged alert escalates on time exactly once" and "an alert
reaches only the care team and their supervisors"."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from safety_helpers import NEW_YORK, WEDNESDAY_10AM

from caseload.audit.models import AuditEvent
from caseload.core.models import PracticeSettings
from caseload.safety import escalation
from caseload.safety.alerts import alerts_visible_to, recipients
from caseload.safety.models import Alert
from caseload.safety.services import alert_acknowledge, alert_raise, alerts_escalate_due


def _raise(client, severity="high"):
    return alert_raise(client=client, severity=severity, source="measure", reason="Test alert")


def tick(committed):
    committed(call_command, "tick")


def _level(alert) -> int:
    alert.refresh_from_db()
    return alert.escalation_level


def _escalations(alert) -> int:
    return AuditEvent.objects.filter(action="alert.escalate", object_id=str(alert.pk)).count()


# --- the pure rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "minutes,level,expected",
    [(59, 0, None), (60, 0, 1), (119, 1, None), (120, 1, 2), (500, 2, None)],
)
def test_high_alert_steps_at_sixty_and_one_twenty_minutes(db, minutes, level, expected):
    """Hazard: an unacknowledged alert escalates on time exactly once (the rule)."""
    practice = PracticeSettings.current()
    due = escalation.next_escalation_at(
        severity="high", level=level, raised_at=WEDNESDAY_10AM, practice=practice
    )
    step = escalation.escalation_step(
        severity="high",
        level=level,
        raised_at=WEDNESDAY_10AM,
        due_at=due,
        now=WEDNESDAY_10AM + timedelta(minutes=minutes),
        practice=practice,
    )
    assert (step[0] if step else None) == expected


def test_moderate_alert_raised_friday_afternoon_is_due_monday_afternoon(db):
    """Hazard: an unacknowledged alert escalates on time exactly once (working hours)."""
    friday_4pm = datetime(2026, 3, 6, 16, 0, tzinfo=NEW_YORK)
    due = escalation.next_escalation_at(
        severity="moderate", level=0, raised_at=friday_4pm, practice=PracticeSettings.current()
    )
    # One hour on Friday, seven on Monday from 09:00.
    assert due == datetime(2026, 3, 9, 16, 0, tzinfo=NEW_YORK)


# --- the tick, against the database -------------------------------------------------------


def test_high_alert_escalates_to_supervisor_at_60_then_on_call_at_120_exactly_once(
    client_record, supervisor, other_supervisor, practice, emails, at, committed
):
    """Hazard: an unacknowledged alert escalates on time exactly once."""
    at(WEDNESDAY_10AM)
    alert = committed(_raise, client_record)
    mail.outbox.clear()

    at(WEDNESDAY_10AM + timedelta(minutes=59))
    tick(committed)
    assert _level(alert) == 0
    assert mail.outbox == []

    at(WEDNESDAY_10AM + timedelta(minutes=60))
    tick(committed)
    assert _level(alert) == 1
    assert "supervisor@practice.example" in mail.outbox[0].to
    assert "othersupervisor@practice.example" not in mail.outbox[0].to
    assert "oncall@practice.example" not in mail.outbox[0].to
    tick(committed)  # a second run at the same minute changes nothing
    assert _escalations(alert) == 1
    assert len(mail.outbox) == 1

    at(WEDNESDAY_10AM + timedelta(minutes=119))
    tick(committed)
    assert _level(alert) == 1

    at(WEDNESDAY_10AM + timedelta(minutes=120))
    tick(committed)
    tick(committed)
    assert _level(alert) == 2
    assert "oncall@practice.example" in mail.outbox[-1].to
    assert _escalations(alert) == 2
    assert len(mail.outbox) == 2

    # Never closed by the clock: a day later it is still open, at its last step.
    at(WEDNESDAY_10AM + timedelta(days=1))
    tick(committed)
    alert.refresh_from_db()
    assert alert.state == "open"
    assert alert.escalation_level == 2
    assert _escalations(alert) == 2


def test_a_tick_after_an_outage_takes_each_missed_step_once(client_record, supervisor, at):
    """Hazard: an unacknowledged alert escalates on time exactly once (none skipped)."""
    at(WEDNESDAY_10AM)
    alert = _raise(client_record)
    at(WEDNESDAY_10AM + timedelta(hours=5))
    assert alerts_escalate_due() == 2
    assert _level(alert) == 2
    levels = AuditEvent.objects.filter(action="alert.escalate", object_id=str(alert.pk))
    assert [event.detail["level"] for event in levels.order_by("seq")] == [1, 2]


def test_moderate_alert_escalates_after_a_working_day_over_the_weekend(
    client_record, supervisor, at
):
    """Hazard: an unacknowledged alert escalates on time exactly once (moderate)."""
    friday_4pm = datetime(2026, 3, 6, 16, 0, tzinfo=NEW_YORK)
    at(friday_4pm)
    alert = _raise(client_record, severity="moderate")
    at(datetime(2026, 3, 9, 15, 59, tzinfo=NEW_YORK))  # Monday, one minute early
    alerts_escalate_due()
    assert _level(alert) == 0
    at(datetime(2026, 3, 9, 16, 0, tzinfo=NEW_YORK))
    alerts_escalate_due()
    assert _level(alert) == 1
    at(datetime(2026, 3, 12, 16, 0, tzinfo=NEW_YORK))
    alerts_escalate_due()
    assert _level(alert) == 1  # moderate alerts stop at the supervisor
    assert _escalations(alert) == 1


def test_an_acknowledged_alert_does_not_escalate(client_record, clinician, supervisor, at):
    """Hazard: an unacknowledged alert escalates on time exactly once (only those)."""
    at(WEDNESDAY_10AM)
    alert = _raise(client_record)
    alert_acknowledge(acting_user=clinician, alert=alert, action_taken="contacted_client")
    at(WEDNESDAY_10AM + timedelta(hours=3))
    assert alerts_escalate_due() == 0
    assert _level(alert) == 0


def test_escalation_times_come_from_the_practice_settings(client_record, practice, at):
    """Hazard: an unacknowledged alert escalates on time exactly once (configured)."""
    practice.high_alert_supervisor_minutes = 15
    practice.save()
    at(WEDNESDAY_10AM)
    alert = _raise(client_record)
    at(WEDNESDAY_10AM + timedelta(minutes=14))
    alerts_escalate_due()
    assert _level(alert) == 0
    at(WEDNESDAY_10AM + timedelta(minutes=15))
    alerts_escalate_due()
    assert _level(alert) == 1


# --- who an alert reaches -------------------------------------------------------------------


def test_an_alert_reaches_only_the_care_team_and_their_supervisors(
    client_record,
    clinician,
    colleague,
    supervisor,
    other_supervisor,
    outsider,
    intake,
    admin,
    emails,
    at,
    as_user,
    committed,
):
    """Hazard: an alert reaches only the care team and their supervisors."""
    at(WEDNESDAY_10AM)
    mail.outbox.clear()
    alert = committed(_raise, client_record)
    # Raised: the care team, by email and in the app; nobody else.
    assert {user.username for user in recipients(alert, level=0)} == {"treating", "colleague"}
    assert sorted(mail.outbox[0].to) == ["colleague@practice.example", "treating@practice.example"]
    assert "Jordan" not in mail.outbox[0].body and "Rivera" not in mail.outbox[0].subject
    for user in (clinician, colleague):
        assert alerts_visible_to(user).filter(pk=alert.pk).exists()
    for user in (supervisor, other_supervisor, outsider, intake, admin):
        assert not alerts_visible_to(user).filter(pk=alert.pk).exists()
    inbox = as_user(supervisor).get(reverse("safety:inbox")).content.decode()
    assert "Test alert" not in inbox

    # Escalated: the treating clinician's supervisor joins; the other supervisor never.
    at(WEDNESDAY_10AM + timedelta(minutes=60))
    committed(alerts_escalate_due)
    assert {user.username for user in recipients(alert, level=1)} == {
        "treating",
        "colleague",
        "supervisor",
    }
    assert "supervisor@practice.example" in mail.outbox[-1].to
    assert "othersupervisor@practice.example" not in mail.outbox[-1].to
    assert "outsider@practice.example" not in mail.outbox[-1].to
    assert alerts_visible_to(supervisor).filter(pk=alert.pk).exists()
    for user in (other_supervisor, outsider, intake, admin):
        assert not alerts_visible_to(user).filter(pk=alert.pk).exists()
    inbox = as_user(supervisor).get(reverse("safety:inbox")).content.decode()
    assert "Test alert" in inbox
    header = as_user(supervisor).get(reverse("safety:tasks")).content.decode()
    assert 'aria-label="1 open alert"' in header
    assert (
        "Test alert" not in as_user(other_supervisor).get(reverse("safety:inbox")).content.decode()
    )


def test_an_escalated_alert_is_audited_without_an_actor(client_record, supervisor, at):
    """Hazard: an unacknowledged alert escalates on time exactly once (audited)."""
    at(WEDNESDAY_10AM)
    alert = _raise(client_record)
    at(WEDNESDAY_10AM + timedelta(minutes=60))
    alerts_escalate_due()
    event = AuditEvent.objects.get(action="alert.escalate", object_id=str(alert.pk))
    assert event.client_id == client_record.pk
    assert event.actor is None
    assert event.detail == {"level": 1, "severity": "high"}
    assert Alert.objects.get(pk=alert.pk).state == "open"
