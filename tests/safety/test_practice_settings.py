"""The practice's safety settings page (administrators only, no clinical content)."""

from django.urls import reverse

from caseload.audit.models import AuditEvent
from caseload.core.models import PracticeSettings


def _form(**overrides) -> dict:
    practice = PracticeSettings.current()
    data = {
        name: getattr(practice, name)
        for name in (
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
    }
    data.update(overrides)
    return data


def test_admin_changes_escalation_times_protocol_and_follow_ups(admin, as_user):
    http = as_user(admin)
    response = http.post(
        reverse("safety:practice_settings"),
        _form(
            high_alert_supervisor_minutes=30,
            crisis_protocol="Safety first\nCall the on-call",
            follow_up_hours="12, 48",
            on_call_email="oncall@practice.example",
        ),
    )
    assert response.status_code == 302
    practice = PracticeSettings.current()
    assert practice.high_alert_supervisor_minutes == 30
    assert practice.crisis_protocol_steps() == ["Safety first", "Call the on-call"]
    assert practice.follow_up_schedule() == [12, 48]
    event = AuditEvent.objects.get(action="practice_settings.update")
    assert "follow_up_hours" in event.detail["fields"]


def test_bad_settings_are_refused_with_a_clear_message_and_change_nothing(admin, as_user):
    http = as_user(admin)
    cases = [
        ({"follow_up_hours": "tomorrow"}, "separated by commas"),
        ({"high_alert_on_call_minutes": 30}, "on-call step must come after"),
        ({"crisis_protocol": "  \n "}, "This field is required"),
        ({"crisis_lines": "988"}, "What it is: number"),
        ({"high_alert_supervisor_minutes": 0}, "at least one minute"),
    ]
    for change, message in cases:
        response = http.post(reverse("safety:practice_settings"), _form(**change))
        assert response.status_code == 400, change
        assert message in response.content.decode(), change
    assert PracticeSettings.current().follow_up_hours == "24, 72, 168"
    assert not AuditEvent.objects.filter(action="practice_settings.update").exists()


def test_only_the_admin_may_open_the_settings(clinician, supervisor, as_user):
    for user in (clinician, supervisor):
        assert as_user(user).get(reverse("safety:practice_settings")).status_code == 403


def test_admin_nav_links_to_the_settings_and_clinicians_to_their_tasks(admin, clinician, as_user):
    assert reverse("safety:practice_settings") in as_user(admin).get("/clients/").content.decode()
    assert reverse("safety:tasks") in as_user(clinician).get("/clients/").content.decode()
