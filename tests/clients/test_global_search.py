"""The client search in the top bar of every staff page (base.html): it goes to the
caseload through the door (clients/access.py), so nobody finds a client they may not see
(H-114), and it finds a client by date of birth only for roles that may see one."""

import re
from datetime import date

import pytest
from django.urls import reverse

from caseload.clients.selectors import caseload_clients
from factories import make_client

pytestmark = pytest.mark.django_db

BORN = date(1984, 3, 2)


@pytest.fixture
def someone_elses(outsider):
    """A client on the outsider's caseload only, sharing a name and a birthday with ours."""
    return make_client(primary=outsider, legal_name="Jordan Rivers", date_of_birth=BORN)


@pytest.fixture
def ours(client_record):
    client_record.date_of_birth = BORN
    client_record.save(update_fields=["date_of_birth"])
    return client_record


def _found(http, query: str) -> list[str]:
    page = http.get(reverse("clients:caseload"), {"q": query})
    assert page.status_code == 200
    return re.findall(
        r'<td data-label="Client"><a href="[^"]+">([^<]+)</a>', page.content.decode()
    )


def _search_form(html: str) -> str:
    return re.search(r'<form[^>]*data-testid="global-search".*?</form>', html, re.S).group(0)


@pytest.mark.parametrize("persona", ["clinician", "supervisor", "intake", "admin"])
def test_the_search_is_in_the_top_bar_of_every_staff_page(persona, request, as_user):
    http = as_user(request.getfixturevalue(persona))
    for name in ("clients:caseload", "accounts:account"):
        form = _search_form(http.get(reverse(name)).content.decode())
        assert f'action="{reverse("clients:caseload")}"' in form
        assert 'name="q"' in form and "<label" in form


def test_the_privacy_officer_who_sees_no_client_gets_no_search(privacy_officer, as_user):
    html = as_user(privacy_officer).get(reverse("accounts:account")).content.decode()
    assert 'data-testid="global-search"' not in html


@pytest.mark.parametrize("query", ["Jordan", "Rivera", "Jo", "1984-03-02", "03/02/1984"])
def test_h114_the_search_never_finds_another_clinicians_client(
    query, ours, someone_elses, clinician, as_user
):
    assert _found(as_user(clinician), query) == ["Jo (Jordan Rivera)"]


@pytest.mark.parametrize("query", ["Jordan", "1984-03-02"])
def test_h114_the_supervisor_finds_their_supervisees_client_only(
    query, ours, someone_elses, supervisor, as_user
):
    assert _found(as_user(supervisor), query) == ["Jo (Jordan Rivera)"]


def test_h114_the_outsider_finds_only_their_own(ours, someone_elses, outsider, as_user):
    assert _found(as_user(outsider), "1984-03-02") == ["Jordan Rivers"]
    assert _found(as_user(outsider), "Jo") == ["Jordan Rivers"]


def test_h114_intake_finds_every_client_by_date_of_birth(ours, someone_elses, intake, as_user):
    assert sorted(_found(as_user(intake), "03/02/1984")) == ["Jo (Jordan Rivera)", "Jordan Rivers"]


def test_h114_a_role_that_may_not_see_a_birthday_cannot_search_by_one(
    ours, someone_elses, admin, as_user
):
    """The admin sees the directory (names, status, care team), not the date of birth:
    a search by a birthday must not narrow the list to who was born then."""
    assert _found(as_user(admin), "1984-03-02") == []
    assert caseload_clients(admin, search="1984-03-02").count() == 0
    assert caseload_clients(admin, search="Rivera").count() == 1


def test_a_date_that_is_no_birthday_finds_no_one(ours, clinician, as_user):
    assert _found(as_user(clinician), "1984-03-03") == []
    assert _found(as_user(clinician), "31/02/1984") == []
