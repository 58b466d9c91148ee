"""Signing in and out: redirects, one answer for every failure, session rotation, audit."""

import re

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client as HttpClient
from django.urls import reverse

from caseload.audit.models import AuditEvent
from factories import PASSWORD

from .auth_helpers import LOGIN_URL, audit_actions, login_post

HOME_URL = reverse("home")
LOGOUT_URL = reverse("accounts:logout")
CSRF_TOKEN = re.compile(r"[A-Za-z0-9]{64}")


def test_login_redirects_to_the_home_page_and_audits_success(db, clinician):
    http = HttpClient()

    response = login_post(http, clinician.username)

    assert response.status_code == 302
    assert response["Location"] == HOME_URL
    assert http.session[SESSION_KEY] == str(clinician.pk)
    event = AuditEvent.objects.get(action="login.success")
    assert event.actor_id == clinician.pk
    assert event.ip == "203.0.113.10"


def test_login_follows_a_local_next_but_never_an_offsite_one(db, clinician):
    """Hazard: the sign-in page used as an open redirect to a look-alike phishing site."""
    local = login_post(HttpClient(), clinician.username, next="/accounts/me/")
    offsite = login_post(HttpClient(), clinician.username, next="https://evil.example/")

    assert local["Location"] == "/accounts/me/"
    assert offsite["Location"] == HOME_URL


def _normalised(response, username: str) -> str:
    text = response.content.decode()
    return CSRF_TOKEN.sub("<csrf>", text).replace(f'value="{username}"', 'value="<name>"')


def test_wrong_password_and_unknown_username_get_the_same_answer(db, clinician):
    """Hazard: username enumeration, so an attacker learns which staff accounts exist."""
    wrong_password = login_post(HttpClient(), clinician.username, "not the password 99")
    unknown_user = login_post(HttpClient(), "nosuchperson", "not the password 99")

    assert wrong_password.status_code == unknown_user.status_code == 200
    assert _normalised(wrong_password, clinician.username) == _normalised(
        unknown_user, "nosuchperson"
    )
    assert "That username and password do not match an active account." in (
        wrong_password.content.decode()
    )
    assert SESSION_KEY not in HttpClient().session


def test_deactivated_account_gets_the_same_answer_as_a_wrong_password(db, clinician):
    clinician.is_active = False
    clinician.save(update_fields=["is_active"])
    http = HttpClient()

    deactivated = login_post(http, clinician.username)
    wrong_password = login_post(HttpClient(), clinician.username, "not the password 99")

    assert deactivated.status_code == 200
    assert SESSION_KEY not in http.session
    assert _normalised(deactivated, clinician.username) == _normalised(
        wrong_password, clinician.username
    )


def test_failed_logins_are_audited_with_the_attempted_name(db, clinician):
    login_post(HttpClient(), clinician.username, "not the password 99")
    login_post(HttpClient(), "nosuchperson", "not the password 99")

    known, unknown = AuditEvent.objects.filter(action="login.failure").order_by("seq")
    assert (known.actor_id, known.detail) == (clinician.pk, {"username": "treating"})
    assert (unknown.actor_id, unknown.detail) == (None, {"username": "nosuchperson"})
    assert "not the password 99" not in str(known.detail) + str(unknown.detail)
    assert not AuditEvent.objects.filter(action="login.success").exists()


def test_login_issues_a_fresh_session_key(db, clinician):
    """Hazard: session fixation, a session key planted before sign-in stays valid after."""
    http = HttpClient()
    planted = http.session  # the test client makes and saves a session, as a browser would
    planted["planted"] = "by someone else"
    planted.save()
    before = planted.session_key
    assert SessionStore().exists(before)

    login_post(http, clinician.username)

    after = http.cookies["sessionid"].value
    assert after != before
    assert not SessionStore().exists(before)
    assert http.session[SESSION_KEY] == str(clinician.pk)


def test_signed_in_user_visiting_login_goes_to_the_caseload(db, clinician, as_user):
    response = as_user(clinician).get(LOGIN_URL)
    assert response.status_code == 302
    assert response["Location"] == HOME_URL


def test_logout_is_post_only(db, clinician):
    """Hazard: a link or image on any page (GET) signs a clinician out mid-session."""
    http = HttpClient()
    login_post(http, clinician.username)

    response = http.get(LOGOUT_URL)

    assert response.status_code == 405
    assert http.session[SESSION_KEY] == str(clinician.pk)
    assert "logout" not in audit_actions()


def test_logout_signs_out_and_is_audited(db, clinician):
    http = HttpClient()
    login_post(http, clinician.username)

    response = http.post(LOGOUT_URL)

    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL
    assert SESSION_KEY not in http.session
    assert AuditEvent.objects.get(action="logout").actor_id == clinician.pk
    assert http.get(HOME_URL)["Location"].startswith(LOGIN_URL)


def test_password_is_never_written_to_the_audit_trail(db, clinician):
    login_post(HttpClient(), clinician.username)
    login_post(HttpClient(), clinician.username, "not the password 99")
    for event in AuditEvent.objects.all():
        assert PASSWORD not in str(event.detail)
        assert "not the password 99" not in str(event.detail)
