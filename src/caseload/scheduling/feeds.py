"""A clinician's iCalendar feed (RFC 5545, written by the `icalendar` library): their own
appointments from four weeks back to a year ahead, at a secret address their calendar
program polls without signing in.

The token is random (256 bits) and only its SHA-256 digest is kept, so a stolen
database gives no working address; regenerating revokes the old address at once.
Events carry the type of appointment and its time, never the client's name; the
owner may opt in to the client's initials and the location (H-106)."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from caseload.accounts.models import User
from caseload.audit.services import audit_record
from caseload.clients.access import clients_visible_to
from caseload.clients.booking import CANCELLED
from caseload.clients.models import Appointment, Client
from caseload.core import clock
from caseload.scheduling.models import CalendarFeed

WINDOW_BEFORE = timedelta(weeks=4)
WINDOW_AFTER = timedelta(days=366)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def live_feed(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def calendar_feed_create(
    *, acting_user: User, include_initials: bool = False, request: HttpRequest | None = None
) -> tuple[CalendarFeed, str]:
    """Make the user's feed address, revoking any earlier one. Returns the feed and its
    token, which is shown this once."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        revoked = _revoke(acting_user)
        feed = CalendarFeed.objects.create(
            user=acting_user, token_sha256=_digest(token), include_initials=include_initials
        )
        audit_record(
            action="calendar_feed.create",
            actor=acting_user,
            request=request,
            obj=feed,
            detail={"include_initials": include_initials, "revoked": revoked},
        )
    return feed, token


def calendar_feed_revoke(*, acting_user: User, request: HttpRequest | None = None) -> int:
    """Revoke the user's feed address; its calendar stops updating. Returns how many
    addresses were revoked (0 or 1)."""
    with transaction.atomic():
        revoked = _revoke(acting_user)
        if revoked:
            audit_record(
                action="calendar_feed.revoke",
                actor=acting_user,
                request=request,
                detail={"revoked": revoked},
            )
    return len(revoked)


def _revoke(user: User) -> list[int]:
    live = list(
        CalendarFeed.objects.select_for_update()
        .filter(user=user, revoked_at__isnull=True)
        .values_list("pk", flat=True)
    )
    CalendarFeed.objects.filter(pk__in=live).update(revoked_at=clock.now())
    return live


def feed_for_token(token: str) -> CalendarFeed | None:
    """The live feed of an active user with this token, or None."""
    if not token or len(token) > 100:
        return None
    return (
        CalendarFeed.objects.select_related("user")
        .filter(token_sha256=_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def initials(client: Client) -> str:
    words = (client.preferred_name or client.legal_name).split()
    if client.preferred_name and len(words) == 1:
        words += client.legal_name.split()[-1:]
    return "".join(f"{word[0].upper()}." for word in words if word)


def feed_calendar(feed: CalendarFeed, *, request: HttpRequest | None = None) -> bytes:
    """The feed's iCalendar document, audited as a read of the clients it lists."""
    user, now = feed.user, clock.now()
    appointments = list(
        Appointment.objects.filter(
            clinician=user,
            client__in=clients_visible_to(user),
            starts_at__gte=now - WINDOW_BEFORE,
            starts_at__lt=now + WINDOW_AFTER,
        )
        .exclude(attendance__in=CANCELLED)
        .select_related("client")
        .order_by("starts_at")
    )
    calendar = Calendar()
    calendar.add("prodid", "-//caseload//calendar feed//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("caseload appointments"))
    for appointment in appointments:
        calendar.add_component(_event(appointment, feed.include_initials, now))
    audit_record(
        action="calendar_feed.read",
        actor=user,
        request=request,
        obj=feed,
        purpose="calendar feed",
        detail={"client_ids": sorted({appointment.client_id for appointment in appointments})},
    )
    return calendar.to_ical()


def _event(appointment: Appointment, with_initials: bool, now) -> Event:
    event = Event()
    summary = appointment.get_kind_display()
    if with_initials:
        summary = f"{summary}: {initials(appointment.client)}"
    event.add("uid", f"appointment-{appointment.pk}@caseload")
    event.add("dtstamp", now)
    event.add("dtstart", appointment.starts_at)
    event.add("dtend", appointment.ends_at)
    event.add("summary", str(summary))
    # A location is free text and may name the client (a home visit), so it goes with
    # the initials, by the owner's choice.
    if with_initials and appointment.location:
        event.add("location", appointment.location)
    return event
