"""Client links: the date-of-birth check, expiry, single use, revocation and locking.

Hazards guarded: H-013 (someone other than the client opens their link and sees their
information) and H-014 (a closed link still lets a client act)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.http import HttpResponse
from django.urls import reverse

from caseload import composition
from caseload.audit.models import AuditEvent
from caseload.core import clock
from caseload.portal.handlers import handler_for
from caseload.portal.models import PortalLink
from caseload.portal.services import portal_link_create, portal_link_revoke, portal_link_use

DOB = date(1990, 5, 17)  # factories.make_client's default


def _test_page(request, link):
    if request.method == "POST":
        portal_link_use(link=link, request=request)
        return HttpResponse("done")
    return HttpResponse(f"private page for link {link.pk}")


@pytest.fixture(autouse=True)
def _test_page_composed(monkeypatch):
    monkeypatch.setitem(composition.PORTAL_PAGES, "test-page", _test_page)


@pytest.fixture
def issued(client_record, clinician):
    return portal_link_create(acting_user=clinician, client=client_record, kind="test-page")


def check(http, issued, dob=DOB):
    return http.post(
        reverse("portal:open", args=[issued.token]), {"date_of_birth": dob.isoformat()}
    )


def test_the_first_page_reveals_nothing_about_the_client(issued, client):
    html = client.get(issued.path).content.decode()
    assert "date of birth" in html.lower()
    assert "Jordan" not in html and "Rivera" not in html
    assert "988" in html  # the crisis lines are always there


def test_the_right_date_of_birth_opens_the_page(issued, client):
    response = check(client, issued)
    assert response["Location"] == reverse("portal:go", args=[issued.token])
    assert (
        client.get(response["Location"]).content
        == f"private page for link {issued.link.pk}".encode()
    )
    assert AuditEvent.objects.filter(
        action="portal.open", client_id=issued.link.client_id
    ).exists()


def test_a_wrong_date_of_birth_opens_nothing(issued, client):
    response = check(client, issued, date(1991, 5, 17))
    assert response.status_code == 400
    assert "does not match" in response.content.decode()
    go = client.get(reverse("portal:go", args=[issued.token]))
    assert go["Location"] == reverse("portal:open", args=[issued.token])


def test_five_wrong_dates_lock_the_link_even_for_the_right_one(issued, client):
    for _ in range(PortalLink.MAX_FAILED_CHECKS):
        check(client, issued, date(2000, 1, 1))
    issued.link.refresh_from_db()
    assert issued.link.state == "locked"
    assert check(client, issued).status_code == 410


def test_an_expired_link_shows_only_that_it_no_longer_works(issued, client):
    with time_machine.travel(clock.now() + timedelta(hours=73)):
        response = client.get(issued.path)
    assert response.status_code == 410
    assert "no longer works" in response.content.decode()


def test_a_single_use_link_works_once(issued, client):
    check(client, issued)
    assert client.post(reverse("portal:go", args=[issued.token])).content == b"done"
    assert client.get(issued.path).status_code == 410
    assert client.get(reverse("portal:go", args=[issued.token])).status_code == 410


def test_a_revoked_link_shows_nothing(issued, client, clinician):
    check(client, issued)
    portal_link_revoke(acting_user=clinician, link=issued.link)
    response = client.get(reverse("portal:go", args=[issued.token]))
    assert response.status_code == 410
    assert b"private page" not in response.content


def test_an_unknown_token_is_not_found(db, client):
    assert client.get(reverse("portal:open", args=["not-a-real-token"])).status_code == 404


def test_only_a_digest_of_the_token_is_stored(issued):
    stored = PortalLink.objects.get(pk=issued.link.pk)
    assert stored.digest == PortalLink.digest_of(issued.token)
    assert issued.token not in str(PortalLink.objects.values().get(pk=issued.link.pk))


def test_verification_is_per_browser_session(issued, client):
    from django.test import Client

    check(client, issued)
    stranger = Client()
    response = stranger.get(reverse("portal:go", args=[issued.token]))
    assert response["Location"] == reverse("portal:open", args=[issued.token])


def test_each_kind_opens_the_page_the_composition_lists():
    assert handler_for("test-page") is _test_page
    assert handler_for("measure").__name__ == "complete_measure"
    assert handler_for("no-such-kind") is None
