"""Shared personas and helpers for the whole suite (STYLE.md: tests)."""

from datetime import timedelta

import pytest
from django.test import Client as HttpClient
from hypothesis import settings as hypothesis_settings

from caseload.accounts.models import Role, Supervision
from caseload.clients import services as client_services
from caseload.core import clock
from factories import PASSWORD, make_client, make_user  # noqa: F401 (re-exported)

# No per-example deadline: tests assert behaviour, never wall-clock time (performance is
# measured in bench/), and a loaded CI machine must not fail a property for being slow.
hypothesis_settings.register_profile("caseload", deadline=None)
hypothesis_settings.load_profile("caseload")


def pytest_collection_modifyitems(config, items):
    """Browser tests run last. Their Playwright session (a session-scoped fixture) keeps
    an event loop running in the main thread until the run ends, and Django refuses to
    open a database connection from a thread with a running loop: a test after them
    that connects afresh would fail for a reason that is not its own."""
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # Argon2 is the production hasher (asserted in tests/accounts/test_passwords.py);
    # the suite uses a fast one so hundreds of logins stay quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _test_hosts(settings):
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]


@pytest.fixture
def clinician(db):
    """The treating clinician: primary on `client`'s care team."""
    return make_user("treating", Role.CLINICIAN)


@pytest.fixture
def colleague(db):
    """A clinician on the same care team as a member."""
    return make_user("colleague", Role.CLINICIAN)


@pytest.fixture
def supervisor(db, clinician):
    """Supervises the treating clinician."""
    user = make_user("supervisor", Role.SUPERVISOR)
    Supervision.objects.create(supervisor=user, supervisee=clinician)
    return user


@pytest.fixture
def other_supervisor(db):
    """A supervisor with no link to the treating clinician."""
    return make_user("othersupervisor", Role.SUPERVISOR)


@pytest.fixture
def intake(db):
    return make_user("intake", Role.INTAKE)


@pytest.fixture
def admin(db):
    return make_user("admin", Role.ADMIN)


@pytest.fixture
def privacy_officer(db):
    return make_user("privacy", Role.PRIVACY_OFFICER)


@pytest.fixture
def outsider(db):
    """A clinician outside the care team, who must see nothing of the client."""
    return make_user("outsider", Role.CLINICIAN)


@pytest.fixture
def client_record(db, clinician, colleague):
    """A client with the treating clinician as primary and the colleague as member."""
    record = make_client(primary=clinician, legal_name="Jordan Rivera", preferred_name="Jo")
    client_services.care_team_add(acting_user=clinician, client=record, user=colleague)
    client_services.communication_save(
        acting_user=clinician,
        client=record,
        changes={
            "interpreter_needed": True,
            "preferred_language": "Spanish",
            "sensitivities": "Lost a brother to suicide: ask about family gently.",
        },
    )
    client_services.perspective_save(
        acting_user=clinician,
        client=record,
        changes={
            "what_brings_them": "I cannot sleep since the accident.",
        },
    )
    return record


@pytest.fixture
def as_user():
    """as_user(user) -> a Django test client signed in as `user` (2FA not required)."""

    def login(user) -> HttpClient:
        http = HttpClient()
        http.force_login(user)
        return http

    return login


@pytest.fixture
def in_a_week():
    return clock.now() + timedelta(days=7)
