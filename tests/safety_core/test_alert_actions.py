"""The acknowledgement vocabulary is the model's choices: the form offers them, the
service accepts only them and the record shows them in words (H-120; H-012: an alert is
closed only with what was done)."""

import pytest
from django.core.exceptions import ValidationError

from caseload.safety.forms import AcknowledgeForm
from caseload.safety.models import Alert, AlertAction
from caseload.safety.services import alert_acknowledge, alert_raise


@pytest.fixture
def alert(client_record):
    return alert_raise(
        client=client_record,
        severity="high",
        source="measure",
        reason="PHQ-9 item 9 answered 'Several days'",
        evidence="Item 9: Several days",
    )


def test_the_form_offers_exactly_the_models_actions():
    offered = list(AcknowledgeForm().fields["action_taken"].choices)
    assert offered == list(AlertAction.choices)
    assert Alert._meta.get_field("action_taken").choices == AlertAction.choices


@pytest.mark.parametrize("action", AlertAction.values)
def test_h012_every_action_closes_the_alert_and_reads_back_in_words(alert, clinician, action):
    done = alert_acknowledge(
        acting_user=clinician, alert=alert, action_taken=action, note="Reason given."
    )
    stored = Alert.objects.get(pk=done.pk)
    assert stored.state == "acknowledged" and stored.action_taken == action
    assert stored.get_action_taken_display() == str(AlertAction(action).label)


def test_h012_an_action_outside_the_vocabulary_changes_nothing(alert, clinician):
    with pytest.raises(ValidationError, match="Unknown action"):
        alert_acknowledge(acting_user=clinician, alert=alert, action_taken="ignored")
    assert Alert.objects.get(pk=alert.pk).state == "open"
    form = AcknowledgeForm({"action_taken": "ignored", "note": "x"})
    assert not form.is_valid() and "action_taken" in form.errors


def test_no_action_needs_its_reason_in_the_form_and_the_service(alert, clinician):
    form = AcknowledgeForm({"action_taken": AlertAction.NO_ACTION, "note": " "})
    assert not form.is_valid() and "note" in form.errors
    with pytest.raises(ValidationError):
        alert_acknowledge(acting_user=clinician, alert=alert, action_taken=AlertAction.NO_ACTION)
    assert Alert.objects.get(pk=alert.pk).state == "open"
