"""Changing your own password on /accounts/password/, and the services that set a
password.

Hazards guarded: a password changed with no record of it; someone at a computer left
signed in changes its owner's password without knowing the current one; a session
opened with the old password (a stolen cookie, a shared computer) stays open after it.
"""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client as HttpClient
from django.urls import reverse

from caseload.accounts import services
from caseload.audit.models import AuditEvent
from factories import PASSWORD

from .auth_helpers import LOGIN_URL, login_post

CHANGE_URL = reverse("accounts:password_change")
ACCOUNT_URL = reverse("accounts:account")
NEW_PASSWORD = "lantern orchard velvet 19"


def signed_in(user) -> HttpClient:
    http = HttpClient()
    assert login_post(http, user.username).status_code == 302
    return http


def change(http, *, old=PASSWORD, new=NEW_PASSWORD, again=None, follow=False):
    data = {"old_password": old, "new_password1": new, "new_password2": again or new}
    return http.post(CHANGE_URL, data, follow=follow)


def test_my_account_links_to_the_change_password_page(db, clinician):
    http = signed_in(clinician)
    assert CHANGE_URL in http.get(ACCOUNT_URL).content.decode()
    page = http.get(CHANGE_URL)
    assert page.status_code == 200
    assert set(page.context["form"].fields) == {"old_password", "new_password1", "new_password2"}


def test_changing_my_password_keeps_me_signed_in_and_is_audited(db, clinician):
    http = signed_in(clinician)

    response = change(http, follow=True)

    assert response.redirect_chain == [(ACCOUNT_URL, 302)]
    assert "Your password has been changed." in response.content.decode()
    clinician.refresh_from_db()
    assert clinician.check_password(NEW_PASSWORD)
    assert http.get(ACCOUNT_URL).status_code == 200
    assert http.session[SESSION_KEY] == str(clinician.pk)
    event = AuditEvent.objects.get(action="staff.password_change")
    assert (event.actor_id, event.object_id) == (clinician.pk, str(clinician.pk))
    assert NEW_PASSWORD not in str(event.detail) and PASSWORD not in str(event.detail)


def test_changing_my_password_signs_out_my_other_sessions(db, clinician):
    """Hazard: a session opened with the old password stays open after the change."""
    here, elsewhere = signed_in(clinician), signed_in(clinician)
    assert elsewhere.get(ACCOUNT_URL).status_code == 200

    change(here)

    response = elsewhere.get(ACCOUNT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)
    assert SESSION_KEY not in elsewhere.session
    assert here.get(ACCOUNT_URL).status_code == 200


def test_the_new_password_signs_in_and_the_old_one_no_longer_does(db, clinician):
    change(signed_in(clinician))

    assert login_post(HttpClient(), clinician.username, PASSWORD).status_code == 200
    assert login_post(HttpClient(), clinician.username, NEW_PASSWORD).status_code == 302


def test_a_wrong_current_password_changes_nothing(db, clinician):
    """Hazard: someone at a computer left signed in sets a password of their choosing."""
    http = signed_in(clinician)

    response = change(http, old="not my password 1")

    assert response.status_code == 400
    assert "Your old password was entered incorrectly." in response.content.decode()
    clinician.refresh_from_db()
    assert clinician.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action="staff.password_change").exists()


@pytest.mark.parametrize(
    ("new", "again", "message"),
    [
        ("Tr1cky!pw", None, "at least 12 characters"),
        ("password1234", None, "too common"),
        ("treating12345", None, "too similar to the username"),
        (NEW_PASSWORD, "lantern orchard velvet 91", "didn’t match"),
    ],
)
def test_the_new_password_must_follow_the_rules(db, clinician, new, again, message):
    http = signed_in(clinician)

    response = change(http, new=new, again=again)

    assert response.status_code == 400
    assert message in response.content.decode()
    clinician.refresh_from_db()
    assert clinician.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action="staff.password_change").exists()


def test_the_page_needs_a_sign_in(db):
    response = HttpClient().get(CHANGE_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


@pytest.mark.parametrize("service", ["user_change_password", "user_set_password"])
def test_no_password_changes_without_its_audit_event(db, clinician, monkeypatch, service):
    """Hazard: a password is changed and the audit trail does not show it. The event is
    written in the change's transaction, so if it cannot be written the change is undone."""

    def broken_audit(**kwargs):
        raise RuntimeError("audit trail unavailable")

    monkeypatch.setattr(services, "audit_record", broken_audit)
    kwargs = {"acting_user": clinician, "password": NEW_PASSWORD}
    if service == "user_set_password":
        kwargs["user"] = clinician

    with pytest.raises(RuntimeError):
        getattr(services, service)(**kwargs)

    clinician.refresh_from_db()
    assert clinician.check_password(PASSWORD)
