"""The account commands: `caseload adduser` and `caseload apitoken`."""

import io
import sys

import pytest
from django.core.management import CommandError, call_command

from caseload.accounts.models import ApiToken, Role, Supervision, User
from caseload.accounts.services import api_token_user
from caseload.audit.models import AuditEvent

NEW_PASSWORD = "lantern orchard velvet 19"


def adduser(*args, password: str = NEW_PASSWORD, monkeypatch) -> str:
    # adduser reads the password from the process's standard input, as a pipe gives it.
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    out = io.StringIO()
    call_command("adduser", *args, "--password-stdin", stdout=out)
    return out.getvalue()


def apitoken(*args) -> str:
    out = io.StringIO()
    call_command("apitoken", *args, stdout=out)
    return out.getvalue().strip()


# adduser ---------------------------------------------------------------------------------


def test_adduser_creates_a_staff_account(db, monkeypatch):
    output = adduser(
        "newperson", "--role", "clinician", "--first-name", "Nia", monkeypatch=monkeypatch
    )

    user = User.objects.get(username="newperson")
    assert (user.role, user.first_name) == (Role.CLINICIAN, "Nia")
    assert user.check_password(NEW_PASSWORD)
    assert "Created newperson (Clinician)." in output
    event = AuditEvent.objects.get(action="staff.create")
    assert (event.actor_id, event.object_id) == (None, str(user.pk))


def test_adduser_refuses_an_unknown_role(db, monkeypatch):
    with pytest.raises(CommandError, match="invalid choice: 'wizard'"):
        adduser("newperson", "--role", "wizard", monkeypatch=monkeypatch)
    assert not User.objects.filter(username="newperson").exists()


def test_adduser_refuses_a_taken_username(db, clinician, monkeypatch):
    with pytest.raises(CommandError, match="The username 'treating' is taken."):
        adduser("treating", "--role", "intake", monkeypatch=monkeypatch)
    clinician.refresh_from_db()
    assert clinician.role == Role.CLINICIAN


def test_adduser_refuses_a_short_password(db, monkeypatch):
    with pytest.raises(CommandError, match="at least 12 characters"):
        adduser("newperson", "--role", "clinician", password="short1!", monkeypatch=monkeypatch)
    assert not User.objects.filter(username="newperson").exists()


def test_adduser_links_the_named_supervisor(db, other_supervisor, monkeypatch):
    adduser(
        "newperson",
        "--role",
        "clinician",
        "--supervisor",
        other_supervisor.username,
        monkeypatch=monkeypatch,
    )
    assert Supervision.objects.filter(
        supervisor=other_supervisor, supervisee__username="newperson"
    ).exists()


def test_adduser_refuses_an_unknown_supervisor_and_creates_nothing(db, monkeypatch):
    with pytest.raises(CommandError, match="No staff member is called 'ghost'"):
        adduser(
            "newperson", "--role", "clinician", "--supervisor", "ghost", monkeypatch=monkeypatch
        )
    assert not User.objects.filter(username="newperson").exists()


def test_adduser_with_a_non_supervisor_as_supervisor_creates_nothing(db, colleague, monkeypatch):
    """The account and its supervision link are one transaction: no half-made account."""
    with pytest.raises(CommandError, match="does not have the supervisor role"):
        adduser(
            "newperson",
            "--role",
            "clinician",
            "--supervisor",
            colleague.username,
            monkeypatch=monkeypatch,
        )
    assert not User.objects.filter(username="newperson").exists()


# apitoken --------------------------------------------------------------------------------


def test_apitoken_prints_a_token_that_authenticates_and_is_stored_only_as_a_digest(db, clinician):
    """Hazard: a copy of the database hands out working API credentials."""
    secret = apitoken(clinician.username)

    assert api_token_user(secret) == clinician
    row = ApiToken.objects.get(user=clinician)
    assert row.digest == ApiToken.digest_of(secret)
    for value in ApiToken.objects.values_list().get(pk=row.pk):
        assert secret not in str(value)
    assert secret not in str(AuditEvent.objects.get(action="api_token.create").detail)


def test_apitoken_revoke_stops_the_token(db, clinician):
    secret = apitoken(clinician.username)
    keep = apitoken(clinician.username)
    prefix = ApiToken.objects.get(digest=ApiToken.digest_of(secret)).prefix

    output = apitoken(clinician.username, "--revoke", prefix)

    assert output == f"Revoked {prefix}."
    assert api_token_user(secret) is None
    assert api_token_user(keep) == clinician
    assert AuditEvent.objects.filter(action="api_token.revoke").count() == 1


def test_apitoken_revoke_of_an_unknown_prefix_is_an_error(db, clinician):
    with pytest.raises(CommandError, match="no token starting"):
        apitoken(clinician.username, "--revoke", "cl_nothing")


def test_apitoken_cannot_revoke_another_users_token(db, clinician, colleague):
    secret = apitoken(colleague.username)
    prefix = ApiToken.objects.get(user=colleague).prefix
    with pytest.raises(CommandError):
        apitoken(clinician.username, "--revoke", prefix)
    assert api_token_user(secret) == colleague


def test_apitoken_list_shows_prefixes_never_secrets(db, clinician):
    secret = apitoken(clinician.username, "--label", "reporting")
    listing = apitoken(clinician.username, "--list")
    assert secret[:12] in listing and "active" in listing and "reporting" in listing
    assert secret not in listing


def test_apitoken_for_an_unknown_or_deactivated_user_is_an_error(db, clinician):
    with pytest.raises(CommandError, match="No staff member is called 'ghost'"):
        apitoken("ghost")
    clinician.is_active = False
    clinician.save(update_fields=["is_active"])
    with pytest.raises(CommandError, match="deactivated"):
        apitoken(clinician.username)
    assert not ApiToken.objects.exists()


def test_a_token_stops_working_when_its_owner_is_deactivated(db, clinician):
    secret = apitoken(clinician.username)
    clinician.is_active = False
    clinician.save(update_fields=["is_active"])
    assert api_token_user(secret) is None
