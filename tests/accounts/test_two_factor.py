"""Two-step verification: enrolment, verification at sign-in, recovery codes.

Hazard guarded: a stolen or guessed password alone opens clinical records.
"""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.test import Client as HttpClient
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from caseload.audit.models import AuditEvent
from caseload.core import clock
from factories import PASSWORD

from .auth_helpers import audit_actions, enrol, login_post, totp_code

SETUP_URL = reverse("accounts:two_factor_setup")
VERIFY_URL = reverse("accounts:two_factor_verify")
CASELOAD_URL = reverse("clients:caseload")
ACCOUNT_URL = reverse("accounts:account")


@pytest.fixture
def require_2fa(settings):
    settings.CASELOAD_REQUIRE_2FA = True


@pytest.fixture
def traveller():
    with time_machine.travel(clock.now(), tick=False) as moving:
        yield moving


@pytest.fixture
def enrolled(db, clinician, traveller):
    """The clinician with an authenticator and recovery codes, a code-step ago, so the
    codes used at enrolment are not the current ones."""
    codes = enrol(clinician)
    traveller.shift(timedelta(seconds=90))
    return codes


def password_only(user) -> HttpClient:
    http = HttpClient()
    assert login_post(http, user.username).status_code == 302
    return http


def fully_signed_in(user) -> HttpClient:
    """Password and the current authenticator code."""
    http = password_only(user)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    assert http.post(VERIFY_URL, {"token": totp_code(device)}).status_code == 302
    return http


# Enrolment -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", [CASELOAD_URL, ACCOUNT_URL, reverse("staff:list")])
def test_without_a_device_every_page_leads_to_enrolment(db, clinician, require_2fa, path):
    response = password_only(clinician).get(path)
    assert response.status_code == 302
    assert response["Location"] == SETUP_URL


def test_enrolment_confirms_the_device_and_shows_ten_codes_once(db, clinician, require_2fa):
    http = password_only(clinician)
    assert http.get(SETUP_URL).status_code == 200
    device = TOTPDevice.objects.get(user=clinician, confirmed=False)

    response = http.post(SETUP_URL, {"token": totp_code(device)})

    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == len(set(codes)) == 10
    for code in codes:
        assert code in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert StaticToken.objects.filter(device__user=clinician).count() == 10
    assert "two_factor.enrol" in audit_actions(actor=clinician)
    assert http.get(CASELOAD_URL).status_code == 200
    # Shown once: the setup page never lists them again.
    page = http.get(SETUP_URL).content.decode()
    assert not any(code in page for code in codes)


def test_enrolment_with_a_wrong_code_confirms_nothing(db, clinician, require_2fa):
    http = password_only(clinician)
    http.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=clinician, confirmed=False)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"

    response = http.post(SETUP_URL, {"token": wrong})

    assert response.status_code == 400
    assert not TOTPDevice.objects.filter(user=clinician, confirmed=True).exists()
    assert not StaticToken.objects.filter(device__user=clinician).exists()
    assert http.get(CASELOAD_URL)["Location"] == SETUP_URL


def test_first_enrolment_asks_for_the_code_only(db, clinician, require_2fa):
    """Straight after the password sign-in, a second password prompt would add nothing."""
    http = password_only(clinician)
    assert set(http.get(SETUP_URL).context["form"].fields) == {"token"}
    device = TOTPDevice.objects.get(user=clinician, confirmed=False)

    response = http.post(SETUP_URL, {"token": totp_code(device)})

    assert response.status_code == 200
    assert len(response.context["codes"]) == 10


def test_setup_page_keeps_one_pending_device_across_visits(db, clinician, require_2fa):
    http = password_only(clinician)
    http.get(SETUP_URL)
    http.get(SETUP_URL)
    assert TOTPDevice.objects.filter(user=clinician).count() == 1


def test_without_the_requirement_nobody_is_forced_to_enrol(db, clinician, settings):
    settings.CASELOAD_REQUIRE_2FA = False
    assert password_only(clinician).get(CASELOAD_URL).status_code == 200


def test_api_paths_are_left_to_bearer_tokens(db, clinician, require_2fa):
    http = password_only(clinician)
    assert http.get(CASELOAD_URL)["Location"] == SETUP_URL
    response = http.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "Location" not in response


# Verification at sign-in -----------------------------------------------------------------


@pytest.mark.parametrize("require", [True, False])
def test_a_password_alone_does_not_pass_a_user_with_a_device(
    db, clinician, enrolled, settings, require
):
    """Once enrolled, the second step is asked for even where enrolment is optional."""
    settings.CASELOAD_REQUIRE_2FA = require
    response = password_only(clinician).get(CASELOAD_URL)
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY_URL}?next={CASELOAD_URL}"


def test_a_wrong_code_is_refused_and_audited(db, clinician, enrolled, require_2fa):
    http = password_only(clinician)
    device = TOTPDevice.objects.get(user=clinician)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"

    response = http.post(VERIFY_URL, {"token": wrong, "next": CASELOAD_URL})

    assert response.status_code == 400
    assert "That code is not valid." in response.content.decode()
    assert AuditEvent.objects.get(action="two_factor.failure").actor_id == clinician.pk
    assert http.get(CASELOAD_URL)["Location"].startswith(VERIFY_URL)


def test_the_current_code_passes(db, clinician, enrolled, require_2fa):
    http = password_only(clinician)
    device = TOTPDevice.objects.get(user=clinician)

    response = http.post(VERIFY_URL, {"token": totp_code(device), "next": CASELOAD_URL})

    assert response.status_code == 302
    assert response["Location"] == CASELOAD_URL
    assert http.get(CASELOAD_URL).status_code == 200
    assert AuditEvent.objects.get(action="two_factor.success").detail == {"device": "TOTPDevice"}


def test_a_code_cannot_be_replayed_in_another_session(db, clinician, enrolled, require_2fa):
    """Hazard: a code read over someone's shoulder is reused within its 30 seconds."""
    code = totp_code(TOTPDevice.objects.get(user=clinician))
    first, second = password_only(clinician), password_only(clinician)

    assert first.post(VERIFY_URL, {"token": code}).status_code == 302
    assert second.post(VERIFY_URL, {"token": code}).status_code == 400
    assert second.get(CASELOAD_URL)["Location"].startswith(VERIFY_URL)


def test_a_recovery_code_works_exactly_once(db, clinician, enrolled, require_2fa):
    code = enrolled[0]
    first = password_only(clinician)
    assert first.post(VERIFY_URL, {"token": code}).status_code == 302
    assert first.get(CASELOAD_URL).status_code == 200
    assert AuditEvent.objects.get(action="two_factor.success").detail == {"device": "StaticDevice"}

    second = password_only(clinician)
    assert second.post(VERIFY_URL, {"token": code}).status_code == 400
    assert second.get(CASELOAD_URL)["Location"].startswith(VERIFY_URL)
    assert StaticToken.objects.filter(device__user=clinician).count() == 9


def test_verify_ignores_an_offsite_next(db, clinician, enrolled, require_2fa):
    http = password_only(clinician)
    device = TOTPDevice.objects.get(user=clinician)
    response = http.post(VERIFY_URL, {"token": totp_code(device), "next": "https://evil.example/"})
    assert response["Location"] == CASELOAD_URL


def test_an_unverified_user_cannot_replace_the_device_via_setup(
    db, clinician, enrolled, require_2fa
):
    """Hazard: someone holding only the password enrols their own phone instead."""
    http = password_only(clinician)
    response = http.get(SETUP_URL)
    assert response.status_code == 302
    assert response["Location"] == VERIFY_URL
    assert not TOTPDevice.objects.filter(user=clinician, confirmed=False).exists()


# Replacing the authenticator -------------------------------------------------------------


@pytest.fixture
def replacing(db, clinician, enrolled, traveller, require_2fa):
    """A fully signed-in clinician on the setup page, with the new pending device."""
    http = fully_signed_in(clinician)
    traveller.shift(timedelta(seconds=90))  # past the code step just used to verify
    page = http.get(SETUP_URL)
    assert page.status_code == 200
    return http, page, TOTPDevice.objects.get(user=clinician, confirmed=False)


@pytest.mark.parametrize("password", [None, "not my password 1"])
def test_replacing_the_authenticator_needs_the_password(db, clinician, replacing, password):
    """Hazard: someone at a computer left signed in puts their own phone in place of the
    owner's, and from then on holds the second factor."""
    http, page, pending = replacing
    assert set(page.context["form"].fields) == {"token", "your_password"}
    old_device = TOTPDevice.objects.get(user=clinician, confirmed=True)
    data = {"token": totp_code(pending)}
    if password is not None:
        data["your_password"] = password

    response = http.post(SETUP_URL, data)

    assert response.status_code == 400
    assert "codes" not in response.context
    assert TOTPDevice.objects.get(user=clinician, confirmed=True) == old_device
    pending.refresh_from_db()
    assert not pending.confirmed
    assert StaticToken.objects.filter(device__user=clinician).count() == 10
    assert audit_actions(actor=clinician).count("two_factor.enrol") == 1  # enrol() only


def test_replacing_the_authenticator_with_the_password_works(db, clinician, enrolled, replacing):
    http, _, pending = replacing
    old_device = TOTPDevice.objects.get(user=clinician, confirmed=True)

    response = http.post(SETUP_URL, {"token": totp_code(pending), "your_password": PASSWORD})

    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    assert list(TOTPDevice.objects.filter(user=clinician)) == [pending]
    assert not TOTPDevice.objects.filter(pk=old_device.pk).exists()
    assert not StaticToken.objects.filter(device__user=clinician, token__in=enrolled).exists()
    assert audit_actions(actor=clinician).count("two_factor.enrol") == 2


# Where the user was going ------------------------------------------------------------------


def test_the_full_path_survives_the_second_step(db, clinician, enrolled, require_2fa):
    """The page asked for, query string and all, is where the verified user lands."""
    asked_for = f"{CASELOAD_URL}?q=R%26D+%2B+more&include_discharged=on"
    http = password_only(clinician)

    response = http.get(asked_for)

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == VERIFY_URL
    assert parse_qs(location.query) == {"next": [asked_for]}
    verify_page = http.get(response["Location"])
    assert verify_page.context["next"] == asked_for
    device = TOTPDevice.objects.get(user=clinician)
    verified = http.post(VERIFY_URL, {"token": totp_code(device), "next": asked_for})
    assert verified["Location"] == asked_for


def test_changing_the_password_keeps_the_second_step_done(db, clinician, enrolled, require_2fa):
    http = fully_signed_in(clinician)
    new_password = "lantern orchard velvet 19"

    response = http.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )

    assert response.status_code == 302
    assert http.get(CASELOAD_URL).status_code == 200


def test_the_two_factor_pages_need_a_password_sign_in_first(db):
    http = HttpClient()
    for path in (SETUP_URL, VERIFY_URL):
        response = http.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
