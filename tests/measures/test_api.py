"""The measures API: instruments, recording a result (201 / 422) and listing results.

Hazard guarded (H-015, API path): a risk answer recorded through the API raises
the alert; malformed answers store and raise nothing."""

import pytest
from django.test import Client as HttpClient

from caseload.accounts.services import api_token_create
from caseload.measures.models import MeasureResponse
from caseload.safety.models import Alert
from measures.helpers import PHQ9_ITEM9_SEVERAL_DAYS, phq9_with_total

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(clinician):
    _, secret = api_token_create(acting_user=None, user=clinician)
    http = HttpClient(enforce_csrf_checks=True)
    headers = {"Authorization": f"Bearer {secret}"}

    def call(method, url, body=None):
        kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
        return getattr(http, method)(f"/api/v1{url}", headers=headers, **kwargs)

    return call


def test_instruments_list_has_items_and_codes(api):
    answer = api("get", "/instruments")
    phq9 = next(item for item in answer.json() if item["code"] == "phq9")
    assert phq9["loinc_total"] == "44261-6"
    assert len(phq9["items"]) == 10 and phq9["items"][8]["risk"] is True


def test_record_returns_201_with_score_flags_and_change(api, client_record):
    url = f"/clients/{client_record.pk}/responses"
    api("post", url, {"instrument": "phq9", "answers": phq9_with_total(20)})

    answer = api("post", url, {"instrument": "phq9", "answers": PHQ9_ITEM9_SEVERAL_DAYS})

    assert answer.status_code == 201
    body = answer.json()
    assert body["total"] == 5 and body["band"] == "mild" and body["source"] == "api"
    assert body["flags"][0]["item"] == 9 and body["flags"][0]["is_risk"]
    assert body["change"]["category"] == "reliable_recovery"
    assert body["change"]["baseline_total"] == 20
    assert body["change"]["label"] == (
        "Reliably better and out of the clinical range (change of -15, reliable change "
        "needs 6 or more)"
    )
    assert body["change"]["reliable_threshold"] == 6
    assert body["change"]["meaningful_threshold"] is None
    assert Alert.objects.get().source_id == str(body["id"])


@pytest.mark.parametrize(
    "answers, item",
    [
        ([0, 1, 1, 4, 0, 0, 1, 0, 2, None], "item 4"),
        ([0, 1, 1, 1, 0, 0, 1, 0, 1.5, None], "item 9"),
        ([0, 1, 1], "item 4"),
        ("0,1,2", None),
    ],
)
def test_malformed_answers_are_422_naming_the_item_and_store_nothing(
    api, client_record, answers, item
):
    answer = api(
        "post",
        f"/clients/{client_record.pk}/responses",
        {"instrument": "phq9", "answers": answers},
    )
    assert answer.status_code == 422
    if item:
        assert item in str(answer.json()["detail"])
    assert not MeasureResponse.objects.exists() and not Alert.objects.exists()


def test_unknown_instrument_is_422(api, client_record):
    answer = api(
        "post", f"/clients/{client_record.pk}/responses", {"instrument": "x", "answers": [1]}
    )
    assert answer.status_code == 422 and "no instrument" in str(answer.json()["detail"])


def test_list_filters_by_instrument(api, client_record):
    url = f"/clients/{client_record.pk}/responses"
    api("post", url, {"instrument": "phq9", "answers": phq9_with_total(9)})
    api("post", url, {"instrument": "gad7", "answers": [1, 1, 1, 1, 0, 0, 0, None]})

    rows = api("get", f"{url}?instrument=gad7").json()

    assert [row["instrument"] for row in rows] == ["gad7"]
    assert len(api("get", url).json()) == 2


def test_outsider_gets_404(outsider, client_record):
    _, secret = api_token_create(acting_user=None, user=outsider)
    answer = HttpClient().get(
        f"/api/v1/clients/{client_record.pk}/responses",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert answer.status_code == 404


def test_h081_the_api_keeps_a_meaningful_pcl5_change_apart_from_a_reliable_one(api, client_record):
    url = f"/clients/{client_record.pk}/responses"
    api("post", url, {"instrument": "pcl5", "answers": [3] * 20})  # 60

    body = api("post", url, {"instrument": "pcl5", "answers": [3] * 10 + [2] * 10}).json()

    assert body["change"]["category"] == "meaningful_improvement"
    assert body["change"]["label"].startswith("Clinically meaningful improvement")
    assert body["change"]["reliable_threshold"] == pytest.approx(14.58, abs=0.01)
    assert body["change"]["meaningful_threshold"] == 10
    assert body["change"]["rci"] == pytest.approx(-10 / (12.40 * 2**0.5 * 0.18**0.5))
    assert "not reliable" in body["change"]["label"]
