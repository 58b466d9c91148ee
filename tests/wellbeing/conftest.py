"""Helpers for the wellbeing tests: the practice's zone pinned, an API client, tokens."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client as HttpClient

from caseload.accounts.services import api_token_create

NEW_YORK = ZoneInfo("America/New_York")
# Thursday 26 November 2026, noon in the practice: after the contacts the tests log.
THURSDAY_NOON = datetime.datetime(2026, 11, 26, 12, 0, tzinfo=NEW_YORK)


@pytest.fixture(autouse=True)
def _practice_zone(settings):
    settings.TIME_ZONE = "America/New_York"


@pytest.fixture
def thursday():
    with time_machine.travel(THURSDAY_NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def api_client() -> HttpClient:
    return HttpClient(enforce_csrf_checks=True)


@pytest.fixture
def bearer(db):
    """bearer(user) -> request headers carrying a fresh API token for `user`."""

    def headers_for(user) -> dict[str, str]:
        _, secret = api_token_create(acting_user=None, user=user)
        return {"Authorization": f"Bearer {secret}"}

    return headers_for
