"""Fixtures for the FHIR tests: bearer headers per persona and a request helper."""

import json
from datetime import date, timedelta

import pytest
from django.test import Client as HttpClient

from caseload.accounts.services import api_token_create
from caseload.clients import services as client_services
from caseload.core import clock


@pytest.fixture
def client_record(client_record):
    """The shared client, with their episode of care started a year ago, so results can
    be dated back into it."""
    client_record.episodes.update(started_on=clock.today() - timedelta(days=365))
    return client_record


@pytest.fixture
def fhir(db):
    """fhir(user, method, path, body=None) -> the response; user None sends no token.
    The client enforces CSRF, so the tests also show bearer calls need no CSRF token."""
    http = HttpClient(enforce_csrf_checks=True)

    def call(user, method: str, path: str, body=None):
        headers = {}
        if user is not None:
            _, secret = api_token_create(acting_user=None, user=user)
            headers["Authorization"] = f"Bearer {secret}"
        if body is None:
            return getattr(http, method)(path, headers=headers)
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        return getattr(http, method)(
            path, data=data, content_type="application/fhir+json", headers=headers
        )

    return call


@pytest.fixture
def new_client(db):
    """new_client(primary=user) -> another registered client, with `user` as primary."""

    def make(*, primary):
        return client_services.client_create(
            acting_user=primary,
            fields={"legal_name": "Sam Sample", "date_of_birth": date(1985, 1, 2)},
            primary_clinician=primary,
        )

    return make
