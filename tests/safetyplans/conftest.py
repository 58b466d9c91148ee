"""The API helpers the safety plan API tests need (as in tests/api/conftest.py)."""

import pytest
from django.test import Client as HttpClient

from caseload.accounts.services import api_token_create


@pytest.fixture
def api_client() -> HttpClient:
    # CSRF enforced like a browser-facing server: bearer-token calls must not need it.
    return HttpClient(enforce_csrf_checks=True)


@pytest.fixture
def bearer(db):
    def headers_for(user) -> dict[str, str]:
        _, secret = api_token_create(acting_user=None, user=user)
        return {"Authorization": f"Bearer {secret}"}

    return headers_for
