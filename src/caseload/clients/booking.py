"""The booking rules, in one place for the booking page, the calendar and the API.

- The length is sane (5 minutes to 8 hours), said in a sentence, not a constraint name.
- A booking that overlaps another appointment of the same clinician that is not
  cancelled is refused, naming each clash, unless the booker says why it may overlap
  (group work, a joint session): that reason goes into the audit event.
- Other apps' conditions are asked through the composition's BOOKING_CHECKS (privacy:
  a telehealth session needs the client's telehealth consent, H-104); clients sits below
  privacy and never imports it.
- A recurring booking (weekly or fortnightly, for a number of occurrences or until a
  date) is one row per occurrence sharing a series id, all checked before any is
  written: one clash refuses the whole series, naming every clash (H-105).

Callers have been through the door (`clients.access.access_client`) for the client.
"""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from caseload.accounts.models import User
from caseload.audit.services import audit_record
from caseload.clients.access import clients_visible_to, schedulable_clinicians
from caseload.clients.models import (
    APPOINTMENT_LENGTH_MESSAGE,
    APPOINTMENT_MINUTES,
    Appointment,
    AppointmentKind,
    Attendance,
    Client,
)
from caseload.core.composition import composed

# A cancelled appointment frees its time; a no-show or an attended one held it.
CANCELLED = frozenset(
    {
        Attendance.LATE_CANCELLATION,
        Attendance.CANCELLED_BY_CLIENT,
        Attendance.CANCELLED_BY_CLINICIAN,
    }
)
FREQUENCY_WEEKS = {"weekly": 1, "fortnightly": 2}
# A year of weekly sessions; a longer series is better booked again at a review.
MAX_OCCURRENCES = 52

# A check another app adds through the composition's BOOKING_CHECKS:
# check(client=..., kind=...) returns the sentence that refuses the booking, or None.
BookingCheck = Callable[..., str | None]


@dataclass(frozen=True)
class Recurrence:
    """Repeat every week or fortnight, `count` times in all or until `until` (a local
    date, included); exactly one of the two."""

    frequency: str
    count: int | None = None
    until: date | None = None


class BookingClash(ValidationError):
    """A refusal because of overlapping appointments; `clashes` holds them."""

    def __init__(self, message: str, clashes: list[Appointment]) -> None:
        super().__init__(message, code="clash")
        self.clashes = clashes


def describe(appointment: Appointment, *, viewer: User | None = None) -> str:
    """'David Shaw, Tue 3 Dec 14:00-14:50' in the practice's time zone. A client the
    viewer may not see is 'another client', so a refusal never discloses a name."""
    name = appointment.client.display_name
    if viewer is not None and not (
        clients_visible_to(viewer).filter(pk=appointment.client_id).exists()
    ):
        name = _("another client")
    start = timezone.localtime(appointment.starts_at)
    end = timezone.localtime(appointment.ends_at)
    day = formats.date_format(start, "D j M")
    return f"{name}, {day} {formats.time_format(start)}-{formats.time_format(end)}"


def length_problem(duration_minutes: int | None) -> str | None:
    low, high = APPOINTMENT_MINUTES
    if duration_minutes is None or not low <= duration_minutes <= high:
        return str(APPOINTMENT_LENGTH_MESSAGE)
    return None


def occurrence_starts(first: datetime, recurrence: Recurrence | None) -> list[datetime]:
    """The start of each occurrence. The wall-clock time stays the same across a change
    of daylight saving time (a 10:00 session stays at 10:00)."""
    if recurrence is None:
        return [first]
    weeks = FREQUENCY_WEEKS.get(recurrence.frequency)
    if weeks is None:
        raise ValidationError(_("Repeat weekly or fortnightly."))
    if (recurrence.count is None) == (recurrence.until is None):
        raise ValidationError(_("Give either a number of occurrences or an end date, not both."))
    local = timezone.localtime(first)
    starts = []
    for index in range(MAX_OCCURRENCES + 1):
        day = local.date() + timedelta(weeks=weeks * index)
        if recurrence.count is not None and index >= recurrence.count:
            break
        if recurrence.until is not None and day > recurrence.until:
            break
        naive = datetime.combine(day, local.time())
        starts.append(timezone.make_aware(naive, timezone.get_current_timezone()))
    if not starts:
        raise ValidationError(_("The end date is before the first appointment."))
    if len(starts) > MAX_OCCURRENCES:
        raise ValidationError(
            _("A series has at most %(max)d occurrences.") % {"max": MAX_OCCURRENCES}
        )
    return starts


def clashes_with(
    *,
    clinician: User,
    starts_at: datetime,
    duration_minutes: int,
    exclude_ids: Iterable[int] = (),
) -> list[Appointment]:
    """The clinician's appointments, not cancelled, that overlap the given time. Back-to-
    back is not a clash (one ends as the other starts)."""
    ends_at = starts_at + timedelta(minutes=duration_minutes)
    longest = timedelta(minutes=APPOINTMENT_MINUTES[1])
    # Anything starting more than the longest length before us has ended: the range
    # keeps this an indexed query (clinician, starts_at) on every database.
    candidates = (
        Appointment.objects.filter(
            clinician=clinician, starts_at__lt=ends_at, starts_at__gt=starts_at - longest
        )
        .exclude(attendance__in=CANCELLED)
        .exclude(pk__in=list(exclude_ids))
        .select_related("client")
    )
    return [other for other in candidates if other.ends_at > starts_at]


def _refusals(client: Client, kind: str) -> list[str]:
    checks: tuple[BookingCheck, ...] = composed("BOOKING_CHECKS")
    return [message for check in checks if (message := check(client=client, kind=kind))]


def _check_booker(acting_user: User, clinician: User) -> None:
    if not schedulable_clinicians(acting_user).filter(pk=clinician.pk).exists():
        raise ValidationError(
            _("You cannot book appointments for %(name)s.") % {"name": clinician}
        )


def _check_overlap(allow_overlap: bool, reason: str) -> str:
    reason = (reason or "").strip()
    if allow_overlap and not reason:
        raise ValidationError(
            _("Say why this appointment may overlap another (for example, group work).")
        )
    return reason if allow_overlap else ""


def _clash_refusal(clashes: list[Appointment], viewer: User) -> BookingClash:
    named = "; ".join(describe(other, viewer=viewer) for other in clashes)
    return BookingClash(_("Clashes with %(clashes)s") % {"clashes": named}, clashes)


def appointment_book(
    *,
    acting_user: User,
    client: Client,
    starts_at: datetime,
    duration_minutes: int,
    kind: str,
    clinician: User | None = None,
    location: str = "",
    recurrence: Recurrence | None = None,
    allow_overlap: bool = False,
    overlap_reason: str = "",
    request: HttpRequest | None = None,
) -> list[Appointment]:
    """Book one appointment, or each occurrence of a series, with the clinician (by
    default the booker). All or nothing: a refusal raises ValidationError (BookingClash
    for clashes, naming every one) and writes nothing."""
    clinician = clinician or acting_user
    _check_booker(acting_user, clinician)
    if problem := length_problem(duration_minutes):
        raise ValidationError(problem)
    if kind not in AppointmentKind.values:
        raise ValidationError(_("Choose a type of appointment."))
    reason = _check_overlap(allow_overlap, overlap_reason)
    if refusals := _refusals(client, kind):
        raise ValidationError(refusals)
    starts = occurrence_starts(starts_at, recurrence)
    series = uuid.uuid4() if len(starts) > 1 else None
    rows = [
        Appointment(
            client=client,
            clinician=clinician,
            starts_at=start,
            duration_minutes=duration_minutes,
            kind=kind,
            location=location,
            series=series,
        )
        for start in starts
    ]
    for row in rows:
        row.full_clean()
    with transaction.atomic():
        # One booking at a time per clinician, so two people booking the same free hour
        # at once cannot both pass the clash check (PostgreSQL row lock; SQLite
        # serialises writers anyway).
        User.objects.select_for_update().filter(pk=clinician.pk).first()
        clashes = [
            other
            for row in rows
            for other in clashes_with(
                clinician=clinician, starts_at=row.starts_at, duration_minutes=duration_minutes
            )
        ]
        if clashes and not reason:
            raise _clash_refusal(clashes, acting_user)
        for row in rows:
            row.save()
            detail: dict[str, object] = {"clinician": clinician.username}
            if series:
                detail.update(series=str(series), frequency=recurrence and recurrence.frequency)
            if clashes:
                detail.update(
                    overlap_reason=reason,
                    overlaps=sorted({other.pk for other in clashes}),
                )
            audit_record(
                action="appointment.create",
                actor=acting_user,
                request=request,
                client_id=client.pk,
                obj=row,
                detail=detail,
            )
    return rows


def appointment_move(
    *,
    acting_user: User,
    appointment: Appointment,
    starts_at: datetime,
    duration_minutes: int | None = None,
    allow_overlap: bool = False,
    overlap_reason: str = "",
    request: HttpRequest | None = None,
) -> Appointment:
    """Move one appointment (one occurrence of a series: the others stay). The same
    length and clash rules as booking; a refusal changes nothing."""
    duration = duration_minutes or appointment.duration_minutes
    if problem := length_problem(duration):
        raise ValidationError(problem)
    if appointment.attendance in CANCELLED:
        raise ValidationError(_("A cancelled appointment cannot be moved; book a new one."))
    reason = _check_overlap(allow_overlap, overlap_reason)
    old_start, old_duration = appointment.starts_at, appointment.duration_minutes
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=appointment.clinician_id).first()
        clashes = clashes_with(
            clinician=appointment.clinician,
            starts_at=starts_at,
            duration_minutes=duration,
            exclude_ids=[appointment.pk],
        )
        if clashes and not reason:
            raise _clash_refusal(clashes, acting_user)
        appointment.starts_at, appointment.duration_minutes = starts_at, duration
        appointment.full_clean()
        appointment.save(update_fields=["starts_at", "duration_minutes"])
        detail: dict[str, object] = {
            "from": old_start.isoformat(),
            "to": starts_at.isoformat(),
            "duration_from": old_duration,
            "duration_to": duration,
        }
        if clashes:
            detail.update(overlap_reason=reason, overlaps=[other.pk for other in clashes])
        audit_record(
            action="appointment.move",
            actor=acting_user,
            request=request,
            client_id=appointment.client_id,
            obj=appointment,
            detail=detail,
        )
    return appointment


def sentence(text: str) -> str:
    """`text` with a full stop, unless it ends with one already (a time such as 2 p.m.)."""
    return text if text.endswith(".") else f"{text}."


def booked_message(appointments: list[Appointment]) -> str:
    """The confirmation after booking: the one appointment, or the series' extent."""
    first, last = appointments[0], appointments[-1]
    with_whom = first.clinician.get_full_name() or first.clinician.username
    if len(appointments) == 1:
        return sentence(
            _("Booked with %(who)s: %(when)s")
            % {"who": with_whom, "when": describe(first).split(", ", 1)[1]}
        )
    return _("Booked %(count)d appointments with %(who)s, from %(first)s to %(last)s.") % {
        "count": len(appointments),
        "who": with_whom,
        "first": formats.date_format(timezone.localtime(first.starts_at), "D j M"),
        "last": formats.date_format(timezone.localtime(last.starts_at), "D j M Y"),
    }
