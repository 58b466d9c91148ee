"""Contacts between sessions: logged through the door, marked against the agreed policy.

Hazard guarded: an out-of-hours or out-of-policy contact is not marked, so boundary drift
goes unseen by the professional and their supervisor (H-052)."""

import datetime

import pytest
from django.urls import reverse

from caseload import composition
from caseload.audit.models import AuditEvent
from caseload.core.contact_policy import ContactPolicy
from caseload.wellbeing.models import ContactLog
from caseload.wellbeing.services import contact_log

CONTACT = {
    "channel": "phone",
    "initiated_by": "client",
    "started_at": "2026-11-24T23:40:00",
    "duration_minutes": 25,
    "note": "Rang after a row with her sister; talked through the safety plan.",
}


@pytest.fixture
def weekend_agreement(client_record, monkeypatch):
    """An agreement for this client: Saturdays 10:00-14:00, texts only."""
    agreed = ContactPolicy(
        days=frozenset({5}),
        start=datetime.time(10),
        end=datetime.time(14),
        channels=frozenset({"text"}),
        response_hours=24,
        source="agreement",
    )

    def provider(client):
        return agreed if client.pk == client_record.pk else None

    monkeypatch.setattr(composition, "CONTACT_POLICY_PROVIDERS", (provider,))
    return agreed


def test_api_contact_at_twenty_to_midnight_is_marked_out_of_hours(
    thursday, client_record, clinician, api_client, bearer
):
    url = reverse("api:client_contact_log", args=[client_record.pk])
    response = api_client.post(
        url, CONTACT, content_type="application/json", headers=bearer(clinician)
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["within_policy"] is False
    assert body["out_of_hours"] is True
    assert body["policy_source"] == "practice default"
    # Read in the practice's zone: 23:40 in New York, 04:40 UTC the next day.
    assert body["started_at"].startswith("2026-11-24T23:40:00-05:00")
    stored = ContactLog.objects.get()
    assert stored.started_at == datetime.datetime(2026, 11, 25, 4, 40, tzinfo=datetime.UTC)


def test_api_contact_in_hours_is_answered_as_within_policy(
    thursday, client_record, clinician, api_client, bearer
):
    url = reverse("api:client_contact_log", args=[client_record.pk])
    body = {**CONTACT, "started_at": "2026-11-24T11:00:00", "duration_minutes": 10}
    response = api_client.post(
        url, body, content_type="application/json", headers=bearer(clinician)
    )
    assert response.status_code == 201
    assert response.json()["within_policy"] is True


def test_api_lists_contacts_with_their_marks(
    thursday, client_record, clinician, colleague, api_client, bearer
):
    contact_log(
        acting_user=clinician,
        client=client_record,
        **{**CONTACT, "started_at": datetime.datetime(2026, 11, 24, 23, 40)},
    )
    response = api_client.get(
        reverse("api:client_contacts", args=[client_record.pk]), headers=bearer(colleague)
    )
    assert response.status_code == 200
    [contact] = response.json()
    assert contact["within_policy"] is False and contact["note"] == CONTACT["note"]
    assert contact["professional"] == clinician.username


def test_the_agreed_policy_decides_the_marks(
    thursday, client_record, clinician, weekend_agreement
):
    saturday_text = contact_log(
        acting_user=clinician,
        client=client_record,
        channel="text",
        initiated_by="client",
        started_at=datetime.datetime(2026, 11, 21, 11, 0),
        duration_minutes=5,
    )
    weekday_call = contact_log(
        acting_user=clinician,
        client=client_record,
        channel="phone",
        initiated_by="professional",
        started_at=datetime.datetime(2026, 11, 24, 11, 0),
        duration_minutes=5,
    )
    assert saturday_text.within_policy and saturday_text.policy_source == "agreement"
    assert weekday_call.out_of_hours and weekday_call.off_channel


def test_page_logs_a_contact_and_marks_it(thursday, client_record, clinician, as_user):
    http = as_user(clinician)
    url = reverse("wellbeing:contacts", args=[client_record.pk])
    response = http.post(
        url,
        {**CONTACT, "started_at": "2026-11-24T23:40"},
    )
    assert response.status_code == 302
    page = http.get(url).content.decode()
    assert "Out of hours" in page
    assert CONTACT["note"] in page
    assert AuditEvent.objects.filter(action="contact.log", client_id=client_record.pk).exists()


def test_an_invalid_contact_changes_nothing(thursday, client_record, clinician, as_user):
    url = reverse("wellbeing:contacts", args=[client_record.pk])
    response = as_user(clinician).post(url, {**CONTACT, "duration_minutes": 0})
    assert response.status_code == 400
    assert not ContactLog.objects.exists()


def test_a_contact_in_the_future_is_refused(
    thursday, client_record, clinician, api_client, bearer
):
    url = reverse("api:client_contact_log", args=[client_record.pk])
    body = {**CONTACT, "started_at": "2026-12-24T10:00:00"}
    response = api_client.post(
        url, body, content_type="application/json", headers=bearer(clinician)
    )
    assert response.status_code == 422
    assert not ContactLog.objects.exists()


def test_a_time_that_never_happened_is_refused(client_record, clinician, api_client, bearer):
    url = reverse("api:client_contact_log", args=[client_record.pk])
    body = {**CONTACT, "started_at": "2026-03-08T02:30:00"}
    response = api_client.post(
        url, body, content_type="application/json", headers=bearer(clinician)
    )
    assert response.status_code == 422
    assert "did not happen" in response.json()["detail"][0]


def test_an_outsider_cannot_log_or_read_contacts(
    thursday, client_record, outsider, api_client, bearer
):
    # H-001: "not yours" answers exactly like "does not exist".
    url = reverse("api:client_contacts", args=[client_record.pk])
    assert api_client.get(url, headers=bearer(outsider)).status_code == 404
    response = api_client.post(
        reverse("api:client_contact_log", args=[client_record.pk]),
        CONTACT,
        content_type="application/json",
        headers=bearer(outsider),
    )
    assert response.status_code == 404
    assert not ContactLog.objects.exists()


def test_the_note_is_encrypted_at_rest(thursday, client_record, clinician):
    from django.db import connection

    contact_log(
        acting_user=clinician,
        client=client_record,
        **{**CONTACT, "started_at": datetime.datetime(2026, 11, 24, 23, 40)},
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM wellbeing_contactlog")
        [(stored,)] = cursor.fetchall()
    assert "safety plan" not in stored
