"""Open alerts are listed high before moderate everywhere a clinician reads them: the
inbox, the API and Today (H-112). Ordering by the severity's name put "moderate" first
("-severity" sorts "moderate" above "high")."""

from django.urls import reverse

from caseload.accounts.services import api_token_create
from caseload.safety.services import alert_raise


def _raise_moderate_then_high(client_record):
    moderate = alert_raise(
        client=client_record, severity="moderate", source="checkin", reason="Low"
    )
    high = alert_raise(client=client_record, severity="high", source="measure", reason="Item 9")
    return moderate, high


def test_h112_the_inbox_lists_a_high_alert_before_an_older_moderate_one(
    as_user, clinician, client_record
):
    moderate, high = _raise_moderate_then_high(client_record)

    response = as_user(clinician).get(reverse("safety:inbox"))

    assert list(response.context["open_alerts"]) == [high, moderate]


def test_h112_the_api_lists_a_high_alert_before_an_older_moderate_one(
    client, clinician, client_record
):
    moderate, high = _raise_moderate_then_high(client_record)
    _, secret = api_token_create(acting_user=None, user=clinician)

    body = client.get("/api/v1/alerts", headers={"Authorization": f"Bearer {secret}"}).json()

    assert [alert["id"] for alert in body] == [high.pk, moderate.pk]
