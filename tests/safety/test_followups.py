"""Follow-up contacts: scheduled after a crisis event or a high alert, shown as tasks,
marked done with a note, and an alert when missed.

Hazard guarded: "a missed follow-up raises an alert"."""

from datetime import UTC, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from safety_helpers import WEDNESDAY_10AM

from caseload.audit.models import AuditEvent
from caseload.safety.models import Alert, FollowUp
from caseload.safety.services import alert_raise, crisis_event_start, follow_ups_raise_missed
from factories import make_client


def _high_alert(client):
    return alert_raise(client=client, severity="high", source="measure", reason="Item 9")


def test_a_high_alert_schedules_follow_ups_at_24_72_and_168_hours(client_record, clinician, at):
    at(WEDNESDAY_10AM)
    alert = _high_alert(client_record)
    due = [follow_up.due_at for follow_up in client_record.follow_ups.all()]
    # Elapsed hours (the week spans the change to summer time, 8 March 2026).
    start = WEDNESDAY_10AM.astimezone(UTC)
    assert due == [start + timedelta(hours=hours) for hours in (24, 72, 168)]
    assert {follow_up.assigned_to for follow_up in client_record.follow_ups.all()} == {clinician}
    assert {follow_up.alert for follow_up in client_record.follow_ups.all()} == {alert}


def test_a_moderate_alert_schedules_no_follow_ups(client_record):
    alert_raise(client=client_record, severity="moderate", source="checkin", reason="Low mood")
    assert not client_record.follow_ups.exists()


def test_a_crisis_event_schedules_follow_ups_from_the_practice_schedule(
    client_record, clinician, practice, at
):
    practice.follow_up_hours = "4, 48"
    practice.save()
    at(WEDNESDAY_10AM)
    event = crisis_event_start(acting_user=clinician, client=client_record)
    start = WEDNESDAY_10AM.astimezone(UTC)
    assert [follow_up.due_at for follow_up in event.follow_ups.all()] == [
        start + timedelta(hours=4),
        start + timedelta(hours=48),
    ]


def test_a_missed_follow_up_raises_one_high_alert_through_tick(client_record, at):
    """Hazard: a missed follow-up raises an alert."""
    at(WEDNESDAY_10AM)
    _high_alert(client_record)
    first = client_record.follow_ups.first()
    at(WEDNESDAY_10AM + timedelta(hours=23, minutes=59))
    call_command("tick")
    first.refresh_from_db()
    assert first.missed_alert is None
    at(WEDNESDAY_10AM + timedelta(hours=24))
    call_command("tick")
    call_command("tick")  # once per follow-up, however often the tick runs
    first.refresh_from_db()
    missed = first.missed_alert
    assert missed is not None
    assert (missed.source, missed.severity, missed.state) == ("follow_up", "high", "open")
    assert Alert.objects.filter(source="follow_up").count() == 1
    # The alert for a missed follow-up schedules no follow-ups of its own.
    assert client_record.follow_ups.count() == 3


def test_a_follow_up_done_on_time_raises_nothing(client_record, clinician, at):
    """Hazard: a missed follow-up raises an alert (and only a missed one)."""
    at(WEDNESDAY_10AM)
    _high_alert(client_record)
    first = client_record.follow_ups.first()
    http_note = "Spoke on the phone; safe, using the plan."
    from caseload.safety.services import follow_up_complete

    follow_up_complete(acting_user=clinician, follow_up=first, note=http_note)
    at(WEDNESDAY_10AM + timedelta(hours=30))
    assert follow_ups_raise_missed() == 0
    first.refresh_from_db()
    assert first.missed_alert is None and first.note == http_note


def test_tasks_page_lists_my_follow_ups_and_marks_one_done(
    client_record, clinician, colleague, as_user
):
    _high_alert(client_record)
    other = make_client(primary=colleague, legal_name="Sam Other")
    _high_alert(other)
    http = as_user(clinician)
    page = http.get(reverse("safety:tasks")).content.decode()
    assert "Jo (Jordan Rivera)" in page and "Sam Other" not in page
    assert AuditEvent.objects.filter(action="tasks.view").exists()
    follow_up = client_record.follow_ups.first()
    url = reverse("safety:follow_up_done", args=[client_record.pk, follow_up.pk])
    assert http.post(url, {"note": "", "next": "tasks"}).status_code == 400
    response = http.post(url, {"note": "Called; doing better.", "next": "tasks"})
    assert response.status_code == 302 and response["Location"] == reverse("safety:tasks")
    follow_up.refresh_from_db()
    assert follow_up.done_by == clinician and follow_up.note == "Called; doing better."
    assert "Called; doing better." not in str(
        FollowUp.objects.filter(pk=follow_up.pk).values_list("note", flat=True)[0]
    )


def test_a_follow_up_cannot_be_marked_done_twice(client_record, clinician, as_user):
    _high_alert(client_record)
    follow_up = client_record.follow_ups.first()
    url = reverse("safety:follow_up_done", args=[client_record.pk, follow_up.pk])
    http = as_user(clinician)
    http.post(url, {"note": "First."})
    assert http.post(url, {"note": "Second."}).status_code == 400
    follow_up.refresh_from_db()
    assert follow_up.note == "First."


@pytest.mark.parametrize("persona", ["outsider", "other_supervisor"])
def test_someone_elses_follow_up_is_404(client_record, persona, request, as_user):
    _high_alert(client_record)
    follow_up = client_record.follow_ups.first()
    http = as_user(request.getfixturevalue(persona))
    url = reverse("safety:follow_up_done", args=[client_record.pk, follow_up.pk])
    assert http.post(url, {"note": "x"}).status_code == 404
    assert not FollowUp.objects.filter(done_at__isnull=False).exists()
