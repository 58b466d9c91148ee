"""The iCalendar feed: a revocable token stored hashed, no client names unless the owner
opts in to initials (H-106), only the owner's appointments with clients they may see."""

import hashlib
from datetime import timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from caseload.audit.models import AuditEvent
from caseload.clients.booking import appointment_book
from caseload.clients.models import Appointment, Attendance
from caseload.core import clock
from caseload.scheduling.feeds import calendar_feed_create, calendar_feed_revoke
from caseload.scheduling.models import CalendarFeed
from factories import make_client


@pytest.fixture
def booked(clinician, colleague, client_record):
    soon = clock.now().replace(microsecond=0) + timedelta(days=2)
    mine = appointment_book(
        acting_user=clinician,
        client=client_record,
        starts_at=soon,
        duration_minutes=50,
        kind="session",
        location="Room 4",
    )[0]
    cancelled = appointment_book(
        acting_user=clinician,
        client=client_record,
        starts_at=soon + timedelta(hours=2),
        duration_minutes=50,
        kind="review",
    )[0]
    cancelled.attendance = Attendance.CANCELLED_BY_CLIENT
    cancelled.save(update_fields=["attendance"])
    other = make_client(primary=colleague, legal_name="Other Person")
    colleagues = Appointment.objects.create(
        client=other, clinician=colleague, starts_at=soon, duration_minutes=50
    )
    return mine, cancelled, colleagues


def fetch(http, token):
    return http.get(reverse("scheduling:feed_ics", args=[token]))


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    return [c for c in Calendar.from_ical(response.content).walk("VEVENT")]


def test_h106_the_feed_carries_no_client_names_by_default(client, clinician, booked):
    mine, _, _ = booked
    feed, token = calendar_feed_create(acting_user=clinician)
    response = fetch(client, token)
    body = response.content.decode()
    (event,) = events(response)  # the cancelled one and the colleague's are left out
    assert str(event["summary"]) == "Session"
    assert event.decoded("dtstart") == mine.starts_at
    assert event.decoded("dtend") == mine.ends_at
    for word in ("Jordan", "Rivera", "Jo ", "J.R.", "Room 4", "Other Person"):
        assert word not in body
    assert AuditEvent.objects.filter(action="calendar_feed.read", actor=clinician).exists()


def test_h106_initials_and_location_only_when_the_owner_opts_in(client, clinician, booked):
    _, token = calendar_feed_create(acting_user=clinician, include_initials=True)
    (event,) = events(fetch(client, token))
    assert str(event["summary"]) == "Session: J.R."
    assert str(event["location"]) == "Room 4"
    assert "Jordan" not in fetch(client, token).content.decode()


def test_the_token_is_stored_only_as_its_digest(clinician):
    feed, token = calendar_feed_create(acting_user=clinician)
    assert feed.token_sha256 == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(CalendarFeed.objects.values_list())
    assert len(token) >= 43  # 256 bits


def test_h106_regenerating_revokes_the_old_address(client, clinician, booked):
    _, old = calendar_feed_create(acting_user=clinician)
    _, new = calendar_feed_create(acting_user=clinician)
    assert fetch(client, old).status_code == 404
    assert fetch(client, new).status_code == 200
    assert CalendarFeed.objects.filter(user=clinician, revoked_at__isnull=True).count() == 1


def test_h106_a_revoked_feed_or_a_wrong_token_is_404(client, clinician, booked):
    _, token = calendar_feed_create(acting_user=clinician)
    assert calendar_feed_revoke(acting_user=clinician) == 1
    assert fetch(client, token).status_code == 404
    assert fetch(client, "x" * 43).status_code == 404
    assert AuditEvent.objects.filter(action="calendar_feed.revoke").count() == 1


def test_h106_a_deactivated_users_feed_stops(client, clinician, booked):
    _, token = calendar_feed_create(acting_user=clinician)
    clinician.is_active = False
    clinician.save(update_fields=["is_active"])
    assert fetch(client, token).status_code == 404


def test_h001_the_feed_leaves_out_clients_the_owner_no_longer_sees(
    client, clinician, outsider, booked
):
    """An appointment still in the diary with a client handed to someone else."""
    mine, _, _ = booked
    gone = make_client(primary=outsider, legal_name="Handed Over")
    Appointment.objects.create(
        client=gone, clinician=clinician, starts_at=mine.starts_at + timedelta(days=1)
    )
    _, token = calendar_feed_create(acting_user=clinician)
    assert len(events(fetch(client, token))) == 1


def test_the_calendar_page_shows_the_address_once_and_revokes_it(as_user, clinician):
    http = as_user(clinician)
    made = http.post(reverse("scheduling:feed"), {"action": "create"})
    address = made.context["address"]
    assert "/calendar/feed/" in address and address.endswith(".ics")
    page = http.get(reverse("scheduling:calendar")).content.decode()
    assert 'data-testid="feed-live"' in page and address not in page
    http.post(reverse("scheduling:feed"), {"action": "revoke"})
    assert http.get(address.split("testserver", 1)[-1]).status_code == 404


def test_intake_has_no_feed(as_user, intake):
    assert (
        as_user(intake).post(reverse("scheduling:feed"), {"action": "create"}).status_code == 403
    )
    assert not CalendarFeed.objects.exists()
