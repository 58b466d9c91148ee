"""Login throttling with django-axes, keyed on username and IP address together.

Hazard guarded: online password guessing against a staff account. The lock answers the
same way whether or not the username exists, so it cannot be used to enumerate staff.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import Client as HttpClient

from caseload.core import clock

from .auth_helpers import login_post

ATTACKER_IP = "198.51.100.7"
OTHER_IP = "192.0.2.44"
WRONG = "not the password 99"
CSRF_TOKEN = re.compile(r"[A-Za-z0-9]{64}")


def fail_until_limit(username: str, *, ip: str = ATTACKER_IP, limit: int = 5):
    """Make `limit` failed attempts; return the answer to the last one."""
    responses = [login_post(HttpClient(), username, WRONG, ip=ip) for _ in range(limit)]
    assert [r.status_code for r in responses[:-1]] == [200] * (limit - 1)
    return responses[-1]


def test_failure_limit_and_cool_off_are_the_documented_defaults(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    cool_off = settings.AXES_COOLOFF_TIME
    assert cool_off == timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_after_five_failures_even_the_right_password_is_refused(db, clinician):
    fifth = fail_until_limit(clinician.username)
    assert fifth.status_code == 429

    http = HttpClient()
    response = login_post(http, clinician.username, ip=ATTACKER_IP)

    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert "Signing in is paused" in response.content.decode()
    assert "Please wait 15 minutes" in response.content.decode()
    assert SESSION_KEY not in http.session


def test_four_failures_do_not_lock(db, clinician):
    fail_until_limit(clinician.username, limit=4)
    http = HttpClient()
    assert login_post(http, clinician.username, ip=ATTACKER_IP).status_code == 302
    assert http.session[SESSION_KEY] == str(clinician.pk)


def test_locked_answer_is_the_same_for_an_unknown_username(db, clinician):
    """Hazard: the lockout page itself reveals which usernames exist."""
    fail_until_limit(clinician.username)
    fail_until_limit("nosuchperson")

    known = login_post(HttpClient(), clinician.username, ip=ATTACKER_IP)
    unknown = login_post(HttpClient(), "nosuchperson", ip=ATTACKER_IP)

    assert known.status_code == unknown.status_code == 429
    assert CSRF_TOKEN.sub("", known.content.decode()) == CSRF_TOKEN.sub(
        "", unknown.content.decode()
    )


def test_another_ip_is_not_locked_for_the_same_username(db, clinician):
    """An attacker elsewhere cannot lock the clinician out of their own desk."""
    fail_until_limit(clinician.username, ip=ATTACKER_IP)

    http = HttpClient()
    response = login_post(http, clinician.username, ip=OTHER_IP)

    assert response.status_code == 302
    assert http.session[SESSION_KEY] == str(clinician.pk)


def test_another_username_from_the_locked_ip_is_not_locked(db, clinician, colleague):
    fail_until_limit(clinician.username, ip=ATTACKER_IP)
    assert login_post(HttpClient(), colleague.username, ip=ATTACKER_IP).status_code == 302


@pytest.mark.parametrize(("minutes", "locked"), [(14, True), (16, False)])
def test_lock_lifts_after_the_cool_off(db, clinician, minutes, locked):
    with time_machine.travel(clock.now(), tick=False) as traveller:
        fail_until_limit(clinician.username)
        traveller.shift(timedelta(minutes=minutes))

        http = HttpClient()
        response = login_post(http, clinician.username, ip=ATTACKER_IP)

    assert response.status_code == (429 if locked else 302)
    assert (SESSION_KEY in http.session) is not locked


@pytest.mark.parametrize(
    ("minutes", "wording"), [(40, "wait 40 minutes and"), (1, "wait 1 minute and")]
)
def test_the_lockout_page_states_the_configured_pause(db, clinician, settings, minutes, wording):
    """A page that says 15 minutes when the pause is 40 sends people back too early, to
    be refused again and think their password is wrong."""
    settings.AXES_COOLOFF_TIME = timedelta(minutes=minutes)

    response = fail_until_limit(clinician.username)

    assert response.status_code == 429
    page = response.content.decode()
    assert wording in page
    assert "15 minutes" not in page


def test_lockout_is_configurable(db, clinician, settings):
    settings.AXES_FAILURE_LIMIT = 2
    assert fail_until_limit(clinician.username, limit=2).status_code == 429
    assert login_post(HttpClient(), clinician.username, ip=ATTACKER_IP).status_code == 429
