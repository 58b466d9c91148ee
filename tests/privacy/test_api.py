"""The privacy API: consents, releases, disclosures (refused with a JSON reason and
nothing recorded), the accounting and the client's own copy as a FHIR Bundle."""

from datetime import timedelta

import pytest
from fhir.resources.R4B.bundle import Bundle

from caseload.accounts.services import api_token_create
from caseload.core import clock
from caseload.privacy.models import Disclosure


@pytest.fixture
def api(client, clinician):
    _, secret = api_token_create(acting_user=None, user=clinician)
    headers = {"Authorization": f"Bearer {secret}"}

    def call(method, path, body=None):
        kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
        return getattr(client, method)(f"/api/v1{path}", headers=headers, **kwargs)

    return call


def test_a_disclosure_without_release_is_refused_with_the_reason(api, client_record):
    response = api(
        "post", f"/clients/{client_record.pk}/disclosures", {"categories": ["attendance"]}
    )
    assert response.status_code == 422
    assert response.json()["detail"] == ["No release or legal basis covers this disclosure."]
    assert not Disclosure.objects.exists()


def test_a_category_not_covered_is_refused_over_the_api(api, client_record, make_release):
    release = make_release(["attendance"])
    response = api(
        "post",
        f"/clients/{client_record.pk}/disclosures",
        {"categories": ["attendance", "treatment_plan"], "release_id": release.pk},
    )
    assert response.status_code == 422
    assert "does not cover: Treatment plan" in response.json()["detail"][0]
    assert not Disclosure.objects.exists()


def test_disclose_under_a_release_then_read_the_accounting(api, client_record, make_release):
    release = make_release(["attendance"])
    response = api(
        "post",
        f"/clients/{client_record.pk}/disclosures",
        {"categories": ["attendance"], "release_id": release.pk},
    )
    assert response.status_code == 201, response.content
    assert response.json()["recipient"] == "Dr Ana Ruiz"
    listed = api("get", f"/clients/{client_record.pk}/disclosures").json()
    assert [row["id"] for row in listed] == [response.json()["id"]]


def test_consents_and_releases_over_the_api(api, client_record, treatment_text):
    created = api("post", f"/clients/{client_record.pk}/consents", {"kind": "treatment"})
    assert created.status_code == 201
    assert created.json()["signing_path"].startswith("/p/")
    assert api("get", f"/clients/{client_record.pk}/consents").json()[0]["state"] == "requested"
    release = api(
        "post",
        f"/clients/{client_record.pk}/releases",
        {
            "recipient": "School counsellor",
            "recipient_contact": "school@example.org",
            "categories": ["attendance"],
            "purpose": "Attendance letter",
            "expires_on": (clock.today() + timedelta(days=30)).isoformat(),
        },
    )
    assert release.status_code == 201
    assert api("get", f"/clients/{client_record.pk}/releases").json()[0]["state"] == "unsigned"


def test_the_export_is_a_valid_fhir_bundle(api, client_record):
    response = api("get", f"/clients/{client_record.pk}/export")
    assert response.status_code == 200
    bundle = Bundle.model_validate_json(response.content)
    kinds = {entry.resource.get_resource_type() for entry in bundle.entry}
    assert {"Patient", "Observation", "AuditEvent"} <= kinds
    assert "I cannot sleep since the accident." in response.content.decode()
