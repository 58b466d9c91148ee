"""The client's timeline: one chronological view of everything that happened, built
from sources that each capability provides, listed in caseload/composition.py.

A source is a function `events(user, client, start, end) -> list[TimelineEvent]` for
the events of one client with `start <= at < end` that `user` may see (the user is
given for sources with rules of their own, such as alerts reaching a supervisor only
once escalated). It must make a constant number of
queries (one, usually), however many events there are: the timeline's cost must not
grow with the client's history (tests/notes/test_timeline.py counts them).

The composition lists them in the order the page offers them:

    TimelineSource(key="notes", label=_("Notes"), part=Part.CLINICAL, events=note_events)

Events carry titles only, never clinical text; psychotherapy notes are never a source.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.functional import Promise

from caseload.clients.access import Part, can_see_part
from caseload.clients.models import Appointment, Attendance, Client
from caseload.core.composition import composed

PERIOD_DAYS = 91  # one page of the timeline: about three months


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    source: str  # the key of the source that made it (for filtering and styling)
    title: str
    detail: str = ""  # short, plain, never clinical text
    url: str = ""
    level: str = "info"  # info, warning or danger: how it is drawn


@dataclass(frozen=True)
class TimelineSource:
    key: str
    label: str | Promise
    part: Part  # the part of the record a user needs to see these events
    events: Callable[..., list[TimelineEvent]] = field(compare=False)


def timeline_sources_for(user) -> list[TimelineSource]:
    """The sources `user`'s role covers, in the composition's order."""
    sources: tuple[TimelineSource, ...] = composed("TIMELINE_SOURCES")
    return [source for source in sources if can_see_part(user, source.part)]


@dataclass(frozen=True)
class Period:
    start: date  # inclusive
    end: date  # exclusive

    @classmethod
    def ending(cls, end: date) -> "Period":
        return cls(start=end - timedelta(days=PERIOD_DAYS), end=end)

    @property
    def earlier(self) -> "Period":
        return Period.ending(self.start)

    @property
    def later(self) -> "Period":
        return Period.ending(self.end + timedelta(days=PERIOD_DAYS))

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    def bounds(self) -> tuple[datetime, datetime]:
        return (
            timezone.make_aware(datetime.combine(self.start, time.min)),
            timezone.make_aware(datetime.combine(self.end, time.min)),
        )


def timeline(user, client: Client, period: Period, *, keys: set[str] | None = None):
    """The events of `client` in `period` from the sources `user` may see (all of them,
    or those in `keys`), newest first. The caller has been through the door."""
    start, end = period.bounds()
    events: list[TimelineEvent] = []
    for source in timeline_sources_for(user):
        if keys and source.key not in keys:
            continue
        events.extend(source.events(user, client, start, end))
    return sorted(events, key=lambda event: event.at, reverse=True)


def appointment_events(
    user, client: Client, start: datetime, end: datetime
) -> list[TimelineEvent]:
    from django.urls import reverse

    url = reverse("clients:appointments", args=[client.pk])
    levels = {Attendance.NO_SHOW: "warning", Attendance.LATE_CANCELLATION: "warning"}
    rows = client.appointments.filter(starts_at__gte=start, starts_at__lt=end).select_related(
        "clinician"
    )
    kinds = dict(Appointment._meta.get_field("kind").choices)
    outcomes = dict(Attendance.choices)
    return [
        TimelineEvent(
            at=appointment.starts_at,
            source="appointments",
            title=str(kinds.get(appointment.kind, appointment.kind)),
            detail=f"{outcomes.get(appointment.attendance, '')} · {appointment.clinician}",
            url=url,
            level=levels.get(appointment.attendance, "info"),
        )
        for appointment in rows
    ]
