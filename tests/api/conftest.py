"""Helpers for the REST API tests: a test client and bearer headers for a persona."""

from datetime import date

import pytest
from django.test import Client as HttpClient

from caseload.accounts.services import api_token_create, api_token_revoke
from caseload.clients import services as client_services


@pytest.fixture
def api_client() -> HttpClient:
    """A test client that enforces CSRF like a browser-facing server would, so every API
    test also shows that bearer-token calls need no CSRF token."""
    return HttpClient(enforce_csrf_checks=True)


@pytest.fixture
def bearer(db):
    """bearer(user) -> request headers carrying a fresh API token for `user`."""

    def headers_for(user) -> dict[str, str]:
        _, secret = api_token_create(acting_user=None, user=user)
        return {"Authorization": f"Bearer {secret}"}

    return headers_for


@pytest.fixture
def revoked_bearer(db):
    """revoked_bearer(user) -> headers with a token of `user`'s that has been revoked."""

    def headers_for(user) -> dict[str, str]:
        token, secret = api_token_create(acting_user=None, user=user)
        api_token_revoke(acting_user=None, token=token)
        return {"Authorization": f"Bearer {secret}"}

    return headers_for


@pytest.fixture
def new_client(db):
    """new_client(primary=user, **fields) -> a registered client record."""

    def make(*, primary, **fields):
        data = {"legal_name": "Sam Sample", "date_of_birth": date(1985, 1, 2), "status": "active"}
        data.update(fields)
        return client_services.client_create(
            acting_user=primary, fields=data, primary_clinician=primary
        )

    return make
