"""Who may call the API at all: bearer tokens only, no CSRF, no caching, public schema.

Hazards guarded: H-001 (client data reached without a valid credential) and a revoked or
deactivated account's token still working after the person has left."""

import json
import re

import pytest
from django.urls import reverse

from caseload.accounts.services import user_set_active
from caseload.clients.models import Client

API = "/api/v1"

ENDPOINTS = [
    ("get", "/clients"),
    ("post", "/clients"),
    ("get", "/clients/{id}"),
    ("patch", "/clients/{id}"),
    ("get", "/clients/{id}/appointments"),
    ("get", "/audit"),
]
NEW_CLIENT = {"legal_name": "Robin Token", "date_of_birth": "1970-01-01"}


def call(http, method, path, client_id, **extra):
    url = API + path.format(id=client_id)
    if method in ("post", "patch"):
        return getattr(http, method)(url, NEW_CLIENT, content_type="application/json", **extra)
    return getattr(http, method)(url, **extra)


def assert_unauthenticated(response):
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "Bearer" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("method,path", ENDPOINTS)
def test_no_token_is_401(api_client, client_record, method, path):
    assert_unauthenticated(call(api_client, method, path, client_record.pk))


@pytest.mark.parametrize("method,path", ENDPOINTS)
def test_revoked_token_is_401(
    api_client, client_record, clinician, privacy_officer, revoked_bearer, method, path
):
    user = privacy_officer if path == "/audit" else clinician
    response = call(api_client, method, path, client_record.pk, headers=revoked_bearer(user))
    assert_unauthenticated(response)


@pytest.mark.parametrize(
    "header",
    [
        "Bearer cl_not-a-real-token",
        "Bearer ",
        "Token cl_whatever",
        "Basic dHJlYXRpbmc6Y29ycmVjdCBob3JzZSBiYXR0ZXJ5IHN0YXBsZSA0Mg==",
    ],
)
def test_unknown_or_malformed_credentials_are_401(api_client, client_record, header):
    response = api_client.get(
        f"{API}/clients/{client_record.pk}", headers={"Authorization": header}
    )
    assert_unauthenticated(response)


def test_token_of_a_deactivated_user_is_401(api_client, client_record, clinician, admin, bearer):
    headers = bearer(clinician)
    assert api_client.get(f"{API}/clients", headers=headers).status_code == 200
    user_set_active(acting_user=admin, user=clinician, active=False)
    assert_unauthenticated(api_client.get(f"{API}/clients", headers=headers))


def test_session_cookie_is_not_an_api_credential(api_client, client_record, clinician):
    api_client.force_login(clinician)
    assert_unauthenticated(api_client.get(f"{API}/clients/{client_record.pk}"))


def test_failed_authentication_runs_no_handler(api_client, client_record, bearer, intake):
    before = Client.objects.count()
    response = api_client.post(
        f"{API}/clients",
        NEW_CLIENT,
        content_type="application/json",
        headers={"Authorization": "Bearer nope"},
    )
    assert response.status_code == 401
    assert Client.objects.count() == before


def test_bearer_post_needs_no_csrf_token(api_client, clinician, bearer):
    # Control: this test client does enforce CSRF on the cookie-authenticated site...
    api_client.force_login(clinician)
    form_post = api_client.post(reverse("clients:new"), {"legal_name": "X"})
    assert form_post.status_code == 403
    # ...yet a bearer-token call with no CSRF token goes through.
    response = api_client.post(
        f"{API}/clients", NEW_CLIENT, content_type="application/json", headers=bearer(clinician)
    )
    assert response.status_code == 201
    assert Client.objects.filter(legal_name="Robin Token").exists()


def test_api_responses_are_never_cached(api_client, clinician, bearer):
    response = api_client.get(f"{API}/clients", headers=bearer(clinician))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


# The API paths the issues name: users script against them, so they are a contract.
CONTRACT = {
    ("get", "/clients"),
    ("post", "/clients"),
    ("get", "/clients/{}"),
    ("patch", "/clients/{}"),
    ("get", "/clients/{}/appointments"),
    ("get", "/audit"),
    ("get", "/instruments"),
    ("post", "/clients/{}/responses"),
    ("get", "/clients/{}/responses"),
    ("get", "/alerts"),
    ("post", "/alerts/{}/acknowledge"),
    ("get", "/clients/{}/safety-plan"),
    ("put", "/clients/{}/safety-plan"),
    ("get", "/clients/{}/checkins"),
    ("post", "/clients/{}/checkins"),
    ("get", "/clients/{}/notes"),
    ("post", "/clients/{}/notes"),
    ("get", "/notes/{}"),
    ("patch", "/notes/{}"),
    ("post", "/notes/{}/sign"),
    ("post", "/notes/{}/amendments"),
    ("get", "/clients/{}/plan"),
    ("get", "/clients/{}/consents"),
    ("post", "/clients/{}/consents"),
    ("get", "/clients/{}/releases"),
    ("post", "/clients/{}/releases"),
    ("get", "/clients/{}/disclosures"),
    ("post", "/clients/{}/disclosures"),
    ("get", "/clients/{}/export"),
    ("get", "/me/self-checks"),
    ("post", "/me/self-checks"),
    ("get", "/clients/{}/contacts"),
    ("post", "/clients/{}/contacts"),
    ("get", "/me/workload"),
}


def test_openapi_schema_is_public_and_lists_every_contract_operation(api_client, client_record):
    response = api_client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    operations = {
        (method, re.sub(r"\{[^}]+\}", "{}", path.removeprefix("/api/v1")))
        for path, item in schema["paths"].items()
        for method in item
    }
    assert sorted(CONTRACT - operations) == []
    every_operation = [op for item in schema["paths"].values() for op in item.values()]
    assert all(op.get("operationId") for op in every_operation)
    schemes = schema["components"]["securitySchemes"]
    assert {scheme["scheme"] for scheme in schemes.values()} == {"bearer"}
    assert client_record.legal_name not in response.content.decode()


@pytest.mark.django_db  # the not-found page names the practice, read from its settings
def test_interactive_docs_page_is_not_served(api_client):
    # Its script comes from a CDN that the Content-Security-Policy forbids.
    assert api_client.get(f"{API}/docs").status_code == 404
