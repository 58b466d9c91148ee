"""Idle logoff and the absolute session limit (SessionLimitMiddleware), on the one clock.

Hazard guarded: a record left open on an unattended screen, and a stolen session cookie
that stays useful indefinitely.
"""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import Client as HttpClient
from django.urls import reverse

from caseload.audit.models import AuditEvent
from caseload.core import clock

from .auth_helpers import LOGIN_URL, login_post

PAGE = reverse("accounts:account")


@pytest.fixture
def traveller():
    with time_machine.travel(clock.now(), tick=False) as moving:
        yield moving


@pytest.fixture
def signed_in(db, clinician, traveller):
    http = HttpClient()
    assert login_post(http, clinician.username).status_code == 302
    return http


def test_default_limits_are_fifteen_minutes_idle_and_ten_hours_in_all(settings):
    assert settings.CASELOAD_IDLE_TIMEOUT_MINUTES == 15
    assert settings.CASELOAD_SESSION_MAX_HOURS == 10


def test_fourteen_idle_minutes_keep_the_session(signed_in, traveller):
    traveller.shift(timedelta(minutes=14))
    assert signed_in.get(PAGE).status_code == 200
    assert not AuditEvent.objects.filter(action__startswith="session.").exists()


def test_sixteen_idle_minutes_sign_the_user_out(signed_in, traveller, clinician):
    traveller.shift(timedelta(minutes=16))

    response = signed_in.get(PAGE)

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={PAGE}"
    assert SESSION_KEY not in signed_in.session
    login_page = signed_in.get(response["Location"])
    assert "You were signed out after a period of inactivity." in login_page.content.decode()
    follow_up = signed_in.get(PAGE)
    assert follow_up.status_code == 302 and follow_up["Location"].startswith(LOGIN_URL)
    event = AuditEvent.objects.get(action="session.idle")
    assert event.actor_id == clinician.pk


def test_the_full_path_survives_signing_in_again(signed_in, traveller, clinician):
    """After an idle sign-out the user returns to the page they asked for, with its query
    string, even when a value in it holds characters such as & and +."""
    asked_for = f"{reverse('clients:caseload')}?q=R%26D+%2B+more&include_discharged=on"
    traveller.shift(timedelta(minutes=16))

    response = signed_in.get(asked_for)

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == LOGIN_URL
    assert parse_qs(location.query) == {"next": [asked_for]}
    login_page = signed_in.get(response["Location"])
    assert login_page.context["next"] == asked_for
    signed_in_again = login_post(signed_in, clinician.username, next=login_page.context["next"])
    assert signed_in_again["Location"] == asked_for


def test_idle_time_counts_from_the_last_request_not_from_sign_in(signed_in, traveller):
    traveller.shift(timedelta(minutes=14))
    assert signed_in.get(PAGE).status_code == 200
    traveller.shift(timedelta(minutes=14))
    assert signed_in.get(PAGE).status_code == 200  # 28 minutes after sign-in
    traveller.shift(timedelta(minutes=16))
    assert signed_in.get(PAGE).status_code == 302
    assert SESSION_KEY not in signed_in.session


def test_idle_timeout_applies_to_force_login_sessions_too(db, clinician, as_user, traveller):
    http = as_user(clinician)
    assert http.get(PAGE).status_code == 200
    traveller.shift(timedelta(minutes=16))
    assert http.get(PAGE).status_code == 302
    assert SESSION_KEY not in http.session


def test_idle_timeout_is_configurable(signed_in, traveller, settings):
    settings.CASELOAD_IDLE_TIMEOUT_MINUTES = 5
    traveller.shift(timedelta(minutes=6))
    assert signed_in.get(PAGE).status_code == 302
    assert AuditEvent.objects.filter(action="session.idle").exists()


def test_absolute_limit_signs_out_an_active_user(signed_in, traveller, settings, clinician):
    """Activity every ten minutes never trips the idle rule, but the total limit holds."""
    settings.CASELOAD_SESSION_MAX_HOURS = 1
    for _ in range(6):  # up to exactly one hour after sign-in
        traveller.shift(timedelta(minutes=10))
        assert signed_in.get(PAGE).status_code == 200

    traveller.shift(timedelta(minutes=10))
    response = signed_in.get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)
    assert SESSION_KEY not in signed_in.session
    login_page = signed_in.get(response["Location"]).content.decode()
    assert "Your session reached its time limit." in login_page
    assert AuditEvent.objects.get(action="session.limit").actor_id == clinician.pk
    assert not AuditEvent.objects.filter(action="session.idle").exists()


def test_signing_in_again_starts_a_new_session_clock(signed_in, traveller, settings, clinician):
    settings.CASELOAD_SESSION_MAX_HOURS = 1
    for _ in range(7):
        traveller.shift(timedelta(minutes=10))
        signed_in.get(PAGE)
    assert SESSION_KEY not in signed_in.session

    assert login_post(signed_in, clinician.username).status_code == 302
    assert signed_in.get(PAGE).status_code == 200
