"""H-062: the header's count of open alerts, on every page, must count exactly the alerts
the inbox shows."""

from caseload.safety.alerts import open_alert_count, open_alerts_for
from caseload.safety.models import Alert, EscalationLevel
from caseload.safety.services import alert_acknowledge, alert_raise


def _raise(client_record, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return alert_raise(client=client_record, severity="high", source="measure", reason="x")


def test_h062_the_header_counts_what_the_inbox_shows(
    client_record,
    clinician,
    colleague,
    supervisor,
    outsider,
    intake,
    django_capture_on_commit_callbacks,
):
    alert = _raise(client_record, django_capture_on_commit_callbacks)
    people = (clinician, colleague, supervisor, outsider, intake)

    def counts():
        return [(open_alert_count(user), open_alerts_for(user).count()) for user in people]

    # The care team sees it; the supervisor only once it escalates; no one else.
    assert counts() == [(1, 1), (1, 1), (0, 0), (0, 0), (0, 0)]
    Alert.objects.filter(pk=alert.pk).update(escalation_level=EscalationLevel.SUPERVISOR)
    assert counts() == [(1, 1), (1, 1), (1, 1), (0, 0), (0, 0)]
    alert_acknowledge(alert=alert, acting_user=clinician, action_taken="contacted_client")
    assert counts() == [(0, 0)] * 5
