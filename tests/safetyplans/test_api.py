"""/api/v1/clients/{id}/safety-plan and /checkins: reading and saving the plan, listing
check-ins and recording one from another channel (screened the same way)."""

from caseload.safety.models import Alert, Checkin
from caseload.safetyplans.models import SafetyPlanVersion
from safetyplans.helpers import PLAN, save_plan

API = "/api/v1"


def test_get_the_current_plan(api_client, bearer, client_record, clinician, colleague):
    save_plan(client_record, clinician)
    save_plan(client_record, colleague, reasons_for_living=["My dog"])
    response = api_client.get(
        f"{API}/clients/{client_record.pk}/safety-plan", headers=bearer(clinician)
    )
    body = response.json()
    assert response.status_code == 200
    assert body["version"] == 2 and body["saved_by"] == "colleague"
    assert body["steps"]["reasons_for_living"] == ["My dog"]
    assert {"label": "Emergency services", "number": "911"} in body["crisis_lines"]


def test_get_before_any_plan(api_client, bearer, client_record, clinician):
    body = api_client.get(
        f"{API}/clients/{client_record.pk}/safety-plan", headers=bearer(clinician)
    ).json()
    assert body["version"] is None and body["steps"]["warning_signs"] == []


def test_put_saves_a_new_version(api_client, bearer, client_record, clinician):
    save_plan(client_record, clinician)
    response = api_client.put(
        f"{API}/clients/{client_record.pk}/safety-plan",
        {
            "steps": {**PLAN, "coping_alone": ["Run"]},
            "note": "after crisis",
            "based_on_version": 1,
        },
        content_type="application/json",
        headers=bearer(clinician),
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert SafetyPlanVersion.objects.get(number=2).note == "after crisis"


def test_put_malformed_answers_422_and_saves_nothing(api_client, bearer, client_record, clinician):
    url = f"{API}/clients/{client_record.pk}/safety-plan"
    for body in (
        {"steps": {"people_to_ask": [{"name": "Sam", "phone": "ring me"}]}},
        {"steps": {"unknown_step": ["x"]}},
        {"steps": {"warning_signs": "not a list"}},
        {"steps": {}, "extra": 1},
        {"steps": PLAN, "based_on_version": 4},
    ):
        response = api_client.put(
            url, body, content_type="application/json", headers=bearer(clinician)
        )
        assert response.status_code == 422, body
    assert SafetyPlanVersion.objects.count() == 0


def test_post_a_check_in_says_whether_it_was_flagged(api_client, bearer, client_record, clinician):
    """Hazard: a risk statement in a check-in is not flagged (API path)."""
    url = f"{API}/clients/{client_record.pk}/checkins"
    response = api_client.post(
        url,
        {
            "mood": 2,
            "sleep": 3,
            "stress": 9,
            "text": "I want to kill myself",
            "channel": "text_message",
        },
        content_type="application/json",
        headers=bearer(clinician),
    )
    body = response.json()
    assert response.status_code == 201
    assert body["flagged"] is True and body["severity"] == "moderate"
    assert [m["text"] for m in body["matches"]] == ["want to kill myself"]
    assert body["matches"][0]["start"] == 2
    assert Alert.objects.filter(client=client_record, source="checkin").count() == 1
    calm = api_client.post(
        url,
        {"text": "I'm not suicidal, just tired", "channel": "voicemail"},
        content_type="application/json",
        headers=bearer(clinician),
    ).json()
    assert calm["flagged"] is False and calm["matches"] == []
    listed = api_client.get(url, headers=bearer(clinician)).json()
    assert [item["id"] for item in listed] == [calm["id"], body["id"]]


def test_post_a_bad_check_in_answers_422(api_client, bearer, client_record, clinician):
    url = f"{API}/clients/{client_record.pk}/checkins"
    for body in (
        {"channel": "link", "text": "hi"},
        {"channel": "voicemail", "mood": 11},
        {"channel": "voicemail"},
        {"channel": "voicemail", "text": "hi", "colour": "blue"},
    ):
        response = api_client.post(
            url, body, content_type="application/json", headers=bearer(clinician)
        )
        assert response.status_code == 422, body
    assert Checkin.objects.count() == 0


def test_hidden_and_narrow_roles(api_client, bearer, client_record, outsider, admin):
    url = f"{API}/clients/{client_record.pk}/safety-plan"
    assert api_client.get(url, headers=bearer(outsider)).status_code == 404
    assert api_client.get(url, headers=bearer(admin)).status_code == 403
