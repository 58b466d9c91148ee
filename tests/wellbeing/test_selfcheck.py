"""The private self-check: scored by the one engine, stored encrypted, readable by its
owner alone.

Hazard guarded: a professional's self-check (burnout, secondary traumatic stress) is seen
by their supervisor, an administrator or the privacy officer, on any path: page, API,
export, admin or audit detail (H-050)."""

import csv
import io
import json
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from caseload.audit.models import AuditEvent
from caseload.wellbeing.models import SelfCheck
from caseload.wellbeing.selfcheck import own_self_checks, self_check_take
from factories import PASSWORD

# Burnout items 1, 4, 15, 17 and 29 are reverse scored: all "Often" (4) gives
# compassion satisfaction 40 (average), burnout 5*4 + 5*2 = 30 (average), STS 40 (average).
OFTEN = [4] * 30
# All "Very often" (5): CS 50 (high), burnout 5*5 + 5*1 = 30 (average), STS 50 (high).
VERY_OFTEN = [5] * 30
EVERYONE_ELSE = [
    "colleague",
    "supervisor",
    "other_supervisor",
    "outsider",
    "intake",
    "admin",
    "privacy_officer",
]


def _export(http, params=None):
    """The audit trail's CSV export: the filters in the address, the password again."""
    query = urlencode(params or {})
    return http.post(f"{reverse('audit:export')}?{query}", {"your_password": PASSWORD})


@pytest.fixture
def people(
    clinician, colleague, supervisor, other_supervisor, outsider, intake, admin, privacy_officer
):
    return {
        "clinician": clinician,
        "colleague": colleague,
        "supervisor": supervisor,
        "other_supervisor": other_supervisor,
        "outsider": outsider,
        "intake": intake,
        "admin": admin,
        "privacy_officer": privacy_officer,
    }


@pytest.fixture
def private_check(clinician):
    return self_check_take(acting_user=clinician, instrument="proqol5", answers=VERY_OFTEN)


def test_api_takes_the_proqol_and_answers_subscales_and_levels(clinician, api_client, bearer):
    response = api_client.post(
        reverse("api:self_check_take"),
        {"instrument": "proqol5", "answers": OFTEN},
        content_type="application/json",
        headers=bearer(clinician),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["scores"] == {
        "compassion_satisfaction": 40,
        "burnout": 30,
        "secondary_traumatic_stress": 40,
    }
    assert body["levels"] == {
        "compassion_satisfaction": "average",
        "burnout": "average",
        "secondary_traumatic_stress": "average",
    }


def test_api_refuses_the_wrong_number_of_answers_and_stores_nothing(clinician, api_client, bearer):
    response = api_client.post(
        reverse("api:self_check_take"),
        {"instrument": "proqol5", "answers": [3] * 29},
        content_type="application/json",
        headers=bearer(clinician),
    )
    assert response.status_code == 422
    assert not SelfCheck.objects.exists()


def test_api_refuses_an_answer_out_of_range(clinician, api_client, bearer):
    response = api_client.post(
        reverse("api:self_check_take"),
        {"instrument": "proqol5", "answers": [6] + [3] * 29},
        content_type="application/json",
        headers=bearer(clinician),
    )
    assert response.status_code == 422
    assert not SelfCheck.objects.exists()


def test_the_levels_follow_the_manual_cut_offs(clinician):
    high = own_self_checks(clinician).get(
        pk=self_check_take(acting_user=clinician, instrument="proqol5", answers=VERY_OFTEN).pk
    )
    data = json.loads(high.result)
    assert data["levels"]["compassion_satisfaction"] == "high"  # 50 >= 42
    assert data["levels"]["burnout"] == "average"  # 30
    low = self_check_take(acting_user=clinician, instrument="proqol5", answers=[1] * 30)
    data = json.loads(low.result)
    assert data["subscales"]["burnout"] == 5 * 1 + 5 * 5  # reversed items count 5 each
    assert data["levels"]["compassion_satisfaction"] == "low"  # 10 <= 22


@pytest.mark.parametrize("persona", EVERYONE_ELSE)
def test_nobody_else_can_open_the_result_page(persona, people, private_check, as_user):
    response = as_user(people[persona]).get(
        reverse("wellbeing:self_check", args=[private_check.pk])
    )
    # Professionals get "not found" (like a check that does not exist); other roles are
    # refused the whole area before anything is looked up.
    assert response.status_code in (403, 404)
    assert b"Compassion satisfaction" not in response.content


def test_the_owner_sees_the_result_with_warm_feedback(clinician, private_check, as_user):
    page = as_user(clinician).get(reverse("wellbeing:self_check", args=[private_check.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Compassion satisfaction" in text and "High" in text
    assert "not a weakness" in text  # high secondary traumatic stress, said kindly
    assert "Looking after yourself" in text


@pytest.mark.parametrize("persona", EVERYONE_ELSE)
def test_nobody_else_sees_it_in_their_own_list_or_the_api(
    persona, people, private_check, as_user, api_client, bearer
):
    user = people[persona]
    response = api_client.get(reverse("api:self_checks"), headers=bearer(user))
    assert response.status_code in (200, 403)
    if response.status_code == 200:
        assert response.json() == []
    home = as_user(user).get(reverse("wellbeing:home"))
    assert reverse("wellbeing:self_check", args=[private_check.pk]).encode() not in home.content


def test_the_supervisor_sees_workload_figures_but_never_the_self_check(
    clinician, supervisor, private_check, as_user
):
    page = as_user(supervisor).get(reverse("wellbeing:supervisee_workload", args=[clinician.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Active caseload" in text
    assert "Compassion satisfaction" not in text and "Burnout" not in text


def test_the_audit_records_only_that_a_check_was_taken(clinician, private_check):
    [event] = AuditEvent.objects.filter(action="selfcheck.take")
    assert event.actor_id == clinician.pk
    assert event.detail == {}
    assert event.object_id == "" and event.object_type == ""
    assert event.client_id is None


def test_the_audit_export_carries_no_result(privacy_officer, private_check, as_user):
    response = _export(as_user(privacy_officer))
    assert response.status_code == 200
    text = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else (response.content.decode())
    )
    rows = [row for row in csv.reader(io.StringIO(text)) if "selfcheck.take" in row]
    assert len(rows) == 1
    for word in ("compassion", "burnout", "traumatic", "proqol", "high"):
        assert word not in text.lower()


def test_a_client_record_export_carries_no_self_check(client_record, private_check):
    from caseload.privacy import packets

    bundle = packets.own_copy_bundle_json(client_record)
    for word in ("proqol", "compassion_satisfaction", "selfcheck", "self_check"):
        assert word not in bundle.lower()


def test_there_is_no_admin_site_holding_self_checks():
    if "django.contrib.admin" in settings.INSTALLED_APPS:
        from django.contrib import admin

        assert SelfCheck not in admin.site._registry


def test_stored_encrypted_and_bound_to_its_owner(clinician, colleague, private_check):
    with connection.cursor() as cursor:
        cursor.execute("SELECT result FROM wellbeing_selfcheck")
        [(stored,)] = cursor.fetchall()
    assert "compassion" not in stored and "levels" not in stored
    # Moving the row to someone else makes it unreadable: the owner is in the ciphertext.
    SelfCheck.objects.filter(pk=private_check.pk).update(user=colleague)
    moved = SelfCheck.objects.get(pk=private_check.pk)
    with pytest.raises(Exception):  # noqa: B017, PT011 - any decryption failure will do
        _ = moved.result


def test_who5_through_the_page(clinician, as_user):
    http = as_user(clinician)
    url = reverse("wellbeing:self_check_new") + "?instrument=who5"
    assert http.get(url).status_code == 200
    response = http.post(url, {f"item_{n}": "1" for n in range(1, 6)})
    assert response.status_code == 302
    page = http.get(response["Location"]).content.decode()
    assert "WHO-5 wellbeing" in page and "20" in page  # raw 5 x 4


def test_an_incomplete_page_answers_400_and_stores_nothing(clinician, as_user):
    url = reverse("wellbeing:self_check_new") + "?instrument=who5"
    response = as_user(clinician).post(url, {"item_1": "3"})
    assert response.status_code == 400
    assert not SelfCheck.objects.exists()


def test_the_proqol_page_without_licensed_wording_asks_for_the_numbered_statements(
    clinician, as_user, tmp_path, monkeypatch
):
    monkeypatch.setenv("CASELOAD_LICENSED_DIR", str(tmp_path))
    page = as_user(clinician).get(reverse("wellbeing:self_check_new") + "?instrument=proqol5")
    assert page.status_code == 200
    assert b"wording-missing" in page.content and b"Statement 30" in page.content


def test_the_owner_sees_their_trend(clinician, as_user):
    self_check_take(acting_user=clinician, instrument="proqol5", answers=OFTEN)
    self_check_take(acting_user=clinician, instrument="who5", answers=[3, 3, 3, 3, 3])
    page = as_user(clinician).get(reverse("wellbeing:home")).content.decode()
    assert page.count("See result") == 2
