"""Password storage and password rules for staff accounts."""

import importlib

import pytest
from django.core.exceptions import ValidationError

from caseload.accounts.models import Role, User
from caseload.accounts.services import user_create
from caseload.audit.models import AuditEvent

ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"


def configured_hashers() -> list[str]:
    # The suite swaps in a fast hasher per test (tests/conftest.py); the module keeps the
    # value production actually runs with.
    return importlib.import_module("caseload.settings").PASSWORD_HASHERS


def test_production_settings_hash_new_passwords_with_argon2():
    """Hazard: a stolen database yields cheaply crackable staff passwords."""
    assert configured_hashers()[0] == ARGON2


def test_user_create_stores_an_argon2_hash_never_the_password(db, settings):
    settings.PASSWORD_HASHERS = configured_hashers()
    password = "lantern orchard velvet 19"

    user = user_create(
        acting_user=None, username="newhire", role=Role.CLINICIAN, password=password
    )

    stored = User.objects.get(pk=user.pk).password
    assert stored.startswith("argon2$")
    assert password not in stored
    assert User.objects.get(pk=user.pk).check_password(password)


def test_short_password_is_refused_with_a_clear_message_and_no_account(db, admin):
    with pytest.raises(ValidationError) as refused:
        user_create(
            acting_user=admin, username="shorty", role=Role.CLINICIAN, password="Tr1cky!pw"
        )

    assert any("at least 12 characters" in message for message in refused.value.messages)
    assert not User.objects.filter(username="shorty").exists()
    assert not AuditEvent.objects.filter(action="staff.create").exists()


@pytest.mark.parametrize("password", ["password1234", "40918273645512"])
def test_common_or_all_numeric_passwords_are_refused(db, password):
    with pytest.raises(ValidationError):
        user_create(acting_user=None, username="weakling", role=Role.CLINICIAN, password=password)
    assert not User.objects.filter(username="weakling").exists()


def test_username_taken_in_another_case_is_refused(db, clinician):
    with pytest.raises(ValidationError, match="is taken"):
        user_create(
            acting_user=None,
            username=clinician.username.upper(),
            role=Role.CLINICIAN,
            password="lantern orchard velvet 19",
        )
    assert User.objects.filter(username__iexact=clinician.username).count() == 1


def test_unknown_role_is_refused(db):
    with pytest.raises(ValidationError, match="Unknown role"):
        user_create(
            acting_user=None,
            username="wizard",
            role="wizard",
            password="lantern orchard velvet 19",
        )
    assert not User.objects.filter(username="wizard").exists()


def test_account_without_a_password_cannot_sign_in(db):
    user = user_create(acting_user=None, username="pending", role=Role.INTAKE, password=None)
    assert not user.has_usable_password()
