"""GET /api/v1/alerts and POST /api/v1/alerts/{id}/acknowledge."""

import pytest

from caseload.accounts.services import api_token_create
from caseload.safety.models import Alert
from caseload.safety.services import alert_raise


@pytest.fixture
def api(client):
    def call(user, method, path, body=None):
        _, secret = api_token_create(acting_user=None, user=user)
        kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
        return getattr(client, method)(
            f"/api/v1{path}", headers={"Authorization": f"Bearer {secret}"}, **kwargs
        )

    return call


@pytest.fixture
def alert(client_record):
    return alert_raise(client=client_record, severity="high", source="measure", reason="Item 9")


def test_list_gives_my_open_alerts(api, alert, clinician, outsider, client_record):
    body = api(clinician, "get", "/alerts").json()
    assert body == [
        {
            "id": alert.pk,
            "client_id": client_record.pk,
            "severity": "high",
            "reason": "Item 9",
            "state": "open",
            "raised_at": body[0]["raised_at"],
            "escalation_level": 0,
            "acknowledged_at": None,
            "action_taken": "",
        }
    ]
    assert api(outsider, "get", "/alerts").json() == []


def test_acknowledge_records_the_action(api, alert, colleague):
    response = api(
        colleague,
        "post",
        f"/alerts/{alert.pk}/acknowledge",
        {"action_taken": "contacted_client", "note": "Safe."},
    )
    assert response.status_code == 200
    alert.refresh_from_db()
    assert (alert.state, alert.acknowledged_by, alert.action_note) == (
        "acknowledged",
        colleague,
        "Safe.",
    )
    assert api(colleague, "get", "/alerts").json() == []


def test_acknowledge_refuses_with_a_clear_message(api, alert, clinician):
    response = api(
        clinician, "post", f"/alerts/{alert.pk}/acknowledge", {"action_taken": "no_action"}
    )
    assert response.status_code == 422
    assert response.json() == {"detail": ["Say why no action was needed."]}
    response = api(clinician, "post", f"/alerts/{alert.pk}/acknowledge", {"action_taken": "shrug"})
    assert response.status_code == 422 and "Unknown action" in response.json()["detail"][0]
    assert Alert.objects.get().state == "open"


def test_an_alert_not_reached_is_404_like_a_missing_one(api, alert, outsider, supervisor):
    body = {"action_taken": "contacted_client"}
    for user in (outsider, supervisor):  # the supervisor: not escalated yet
        response = api(user, "post", f"/alerts/{alert.pk}/acknowledge", body)
        assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
    missing = api(outsider, "post", "/alerts/999999/acknowledge", body)
    assert missing.json() == {"detail": "Not found."}
    assert Alert.objects.get().state == "open"
