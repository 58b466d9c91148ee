"""Small builders for test data (synthetic only), shared by every test module.

Import them as `from factories import make_client`: pytest puts tests/ on the path, and
this name, unlike `conftest`, is never shadowed by a folder's own conftest.py.
"""

from datetime import date

from caseload.accounts.models import User
from caseload.clients import services as client_services
from caseload.clients.models import Client

PASSWORD = "correct horse battery staple 42"


def make_user(username: str, role: str, **extra) -> User:
    user = User(
        username=username, role=role, first_name=username.title(), last_name="Tester", **extra
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def make_client(
    *, primary: User | None = None, acting_user: User | None = None, **fields
) -> Client:
    data = {
        "legal_name": "Alex Example",
        "date_of_birth": date(1990, 5, 17),
        "status": "active",
    }
    data.update(fields)
    actor = acting_user or primary
    return client_services.client_create(acting_user=actor, fields=data, primary_clinician=primary)
