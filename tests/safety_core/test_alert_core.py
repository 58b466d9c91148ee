"""The alert function every risk signal calls (H-012: a risk signal raises no alert, or
an alert reaches people outside the care team and their supervisors)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from caseload.audit.models import AuditEvent
from caseload.safety.alerts import alerts_visible_to, open_alerts_for, recipients
from caseload.safety.models import Alert, EscalationLevel
from caseload.safety.services import alert_acknowledge, alert_raise


@pytest.fixture
def alert(client_record, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return alert_raise(
            client=client_record,
            severity="high",
            source="measure",
            reason="PHQ-9 item 9 answered 'Several days'",
            evidence="Item 9: Several days",
        )


def test_raising_stores_audits_and_encrypts_the_evidence(alert, client_record):
    assert Alert.objects.get(pk=alert.pk).evidence == "Item 9: Several days"
    event = AuditEvent.objects.filter(action="alert.raise").latest("seq")
    assert (event.client_id, event.detail) == (
        client_record.pk,
        {"severity": "high", "source": "measure"},
    )
    assert "Several" not in str(event.detail)


def test_the_care_team_is_emailed_without_clinical_detail(
    client_record, clinician, colleague, supervisor, django_capture_on_commit_callbacks
):
    for user in (clinician, colleague, supervisor):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        alert_raise(
            client=client_record,
            severity="high",
            source="measure",
            reason="PHQ-9 item 9 answered 'Several days'",
            evidence="Item 9",
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["colleague@example.org", "treating@example.org"]
    assert "Several days" not in message.body and "Jordan" not in message.body
    assert "http://127.0.0.1:8000/safety/alerts/" in message.body  # a link that works in mail


def test_the_alert_reaches_only_the_care_team_at_first(
    alert, clinician, colleague, supervisor, outsider, other_supervisor
):
    assert {u.username for u in recipients(alert, level=EscalationLevel.CARE_TEAM)} == {
        clinician.username,
        colleague.username,
    }
    for user in (clinician, colleague):
        assert list(open_alerts_for(user)) == [alert]
    for user in (supervisor, outsider, other_supervisor):
        assert list(alerts_visible_to(user)) == []


def test_after_escalation_the_supervisor_sees_it_and_nobody_else_new(
    alert, supervisor, outsider, other_supervisor
):
    Alert.objects.filter(pk=alert.pk).update(escalation_level=EscalationLevel.SUPERVISOR)
    assert list(open_alerts_for(supervisor)) == [alert]
    assert supervisor in recipients(
        Alert.objects.get(pk=alert.pk), level=EscalationLevel.SUPERVISOR
    )
    assert list(alerts_visible_to(outsider)) == list(alerts_visible_to(other_supervisor)) == []


def test_the_same_source_never_raises_twice(client_record, clinician):
    first = alert_raise(
        client=client_record, severity="high", source="measure", reason="r", source_obj=clinician
    )
    again = alert_raise(
        client=client_record, severity="high", source="measure", reason="r", source_obj=clinician
    )
    assert first.pk == again.pk


def test_an_unknown_severity_is_refused(client_record):
    with pytest.raises(ValueError):
        alert_raise(client=client_record, severity="mild", source="measure", reason="r")


def test_acknowledging_needs_an_action_and_a_reason_for_no_action(alert, clinician):
    with pytest.raises(ValidationError):
        alert_acknowledge(acting_user=clinician, alert=alert, action_taken="no_action")
    with pytest.raises(ValidationError):
        alert_acknowledge(acting_user=clinician, alert=alert, action_taken="ignored")
    done = alert_acknowledge(
        acting_user=clinician,
        alert=alert,
        action_taken="contacted_client",
        note="Called; safe at home.",
    )
    assert (done.state, done.acknowledged_by, done.next_escalation_at) == (
        "acknowledged",
        clinician,
        None,
    )
    assert Alert.objects.get(pk=alert.pk).action_note == "Called; safe at home."
    with pytest.raises(ValidationError, match="already"):
        alert_acknowledge(acting_user=clinician, alert=done, action_taken="contacted_client")


def test_header_shows_the_open_alert_count(alert, clinician, as_user):
    html = as_user(clinician).get("/clients/").content.decode()
    assert 'data-testid="alerts-link"' in html and ">1</span>" in html


def test_acknowledging_from_the_page(alert, clinician, as_user):
    http = as_user(clinician)
    page = http.get(f"/safety/alerts/{alert.pk}/").content.decode()
    assert "Item 9: Several days" in page
    response = http.post(
        f"/safety/alerts/{alert.pk}/",
        {"action_taken": "contacted_client", "note": "Spoke with them."},
    )
    assert response.status_code == 302
    assert Alert.objects.get(pk=alert.pk).state == "acknowledged"
