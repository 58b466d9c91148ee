"""The caseload page's listing (clients.selectors.caseload_clients, paged by id) and its
rows (clients.selectors.caseload_rows). H-063: if it listed a client the door would
refuse, the caseload page would show a name (and its signals) to someone outside the care
team; if it missed one, a clinician would not see a client they are responsible for.

The reference is `clients_visible_to`, the door itself, filtered here by hand, for every
persona, with and without discharged clients, searches, and a break-the-glass grant that
expires.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.paginator import Paginator
from django.urls import reverse

from caseload.clients.access import clients_visible_to
from caseload.clients.models import ClientStatus
from caseload.clients.selectors import caseload_clients, caseload_page
from caseload.core import clock
from caseload.privacy.services import break_glass_open
from factories import make_client

PERSONAS = (
    "clinician",
    "colleague",
    "supervisor",
    "other_supervisor",
    "intake",
    "admin",
    "privacy_officer",
    "outsider",
)


@pytest.fixture
def practice(client_record, clinician, colleague, outsider):
    """Clients of different care teams, one discharged, names with LIKE's wildcards."""
    return [
        client_record,
        make_client(primary=clinician, legal_name="Sam 50% Okafor"),
        make_client(primary=clinician, legal_name="Lee_Ward", preferred_name="Lee"),
        make_client(primary=colleague, legal_name="Robin Hale"),
        make_client(primary=outsider, legal_name="Kim Osei", status=ClientStatus.DISCHARGED),
    ]


def _listed(user, **options) -> list[int]:
    """What the page lists: the listing's ids, and the rows of its first page."""
    listing = caseload_clients(user, **options)
    ids = list(listing.values_list("pk", flat=True)[0:1000])
    assert listing.count() == len(ids)
    page = caseload_page(user, **options, per_page=1000)
    assert page.paginator.count == len(ids)
    assert [client.pk for client in page.object_list] == ids
    return ids


def _expected(user, *, include_discharged=False, search="") -> list[int]:
    clients = clients_visible_to(user)
    if not include_discharged:
        clients = [client for client in clients if client.status != ClientStatus.DISCHARGED]
    if search:
        search = search.lower()
        clients = [
            client
            for client in clients
            if search in client.legal_name.lower() or search in client.preferred_name.lower()
        ]
    return [client.pk for client in sorted(clients, key=lambda c: (c.legal_name, c.pk))]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("include_discharged", [False, True])
@pytest.mark.parametrize("search", ["", "jo", "50%", "_", "e_w", "LEE", "nobody"])
def test_h063_the_listing_is_the_door(practice, request, persona, include_discharged, search):
    user = request.getfixturevalue(persona)
    options = {"include_discharged": include_discharged, "search": search}
    assert _listed(user, **options) == _expected(user, **options)


def test_h063_wildcards_in_a_search_are_literal(practice, clinician):
    assert len(_listed(clinician, search="%")) == 1  # only "Sam 50% Okafor"
    assert len(_listed(clinician, search="_")) == 1  # only "Lee_Ward"


def test_h063_break_the_glass_lists_the_client_until_it_expires(practice, outsider):
    client = practice[0]
    assert client.pk not in _listed(outsider)
    break_glass_open(acting_user=outsider, client=client, reason="ED: needs the safety plan now")
    assert client.pk in _listed(outsider)
    with time_machine.travel(clock.now() + timedelta(hours=5), tick=False):
        assert client.pk not in _listed(outsider)
        assert _listed(outsider) == _expected(outsider)


def test_h063_rows_are_loaded_only_through_the_door(practice, clinician, outsider):
    """The page's rows are the door's own query cut to the page: no list of ids (which a
    tampered request could change) is loaded on its own."""
    pages = [
        caseload_page(outsider, include_discharged=True, per_page=1, number=n) for n in (1, 2, 99)
    ]
    assert [[client.pk for client in page.object_list] for page in pages] == [
        [practice[4].pk],
        [practice[4].pk],  # a page past the end is the last page, never another client
        [practice[4].pk],
    ]
    assert {client.pk for client in caseload_page(clinician).object_list} == {
        client.pk for client in practice[:3]
    }


def test_pages_are_the_door_in_order(practice, admin):
    listing = caseload_clients(admin, include_discharged=True).values_list("pk", flat=True)
    paginator = Paginator(listing, 2)
    pages = [list(paginator.page(number).object_list) for number in paginator.page_range]
    assert paginator.count == 5 and len(pages) == 3
    assert [pk for page in pages for pk in page] == _expected(admin, include_discharged=True)


@pytest.mark.parametrize("search", ["Jordan", "jor%", "%", "_", "x" * 2000, "Jo\x00rdan", "\x00"])
def test_any_search_answers_the_page_without_an_error(client_record, clinician, as_user, search):
    """Odd searches (wildcards, a very long one, a NUL byte, which PostgreSQL refuses in
    text) answer the page; they are searched for literally."""
    page = as_user(clinician).get(reverse("clients:caseload"), {"q": search})
    assert page.status_code == 200
    listed = "Jordan Rivera" in page.content.decode()
    assert listed == (search.replace("\x00", "").lower() in ("jordan", "\x00", ""))
