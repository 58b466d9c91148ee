"""Booking, moving and listing appointments over the API, under the booking rules of
clients/booking.py (the same as the booking page and the calendar).

A clash answers 409 naming every clashing appointment, unless `allow_overlap` comes with
a `reason` (audited). Any other refusal (a telehealth session without consent, a length
out of range, someone you may not book for) answers 422 and books nothing."""

from datetime import date, datetime, timedelta
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import model_validator

from caseload.accounts.models import User
from caseload.api.auth import ApiRequest
from caseload.api.schemas import AppointmentOut, _Input, _local
from caseload.clients import booking, services
from caseload.clients.access import Part, can_see_part, schedulable_clinicians
from caseload.clients.models import Attendance
from caseload.scheduling.selectors import (
    MAX_RANGE_DAYS,
    appointment_through_door,
    calendar_people,
    calendar_read,
)

router = Router(tags=["calendar"])


class RecurrenceIn(_Input):
    frequency: Literal["weekly", "fortnightly"]
    count: int | None = Field(None, ge=2, le=booking.MAX_OCCURRENCES)
    until: date | None = Field(None, description="The last day a session may fall on.")

    @model_validator(mode="after")
    def _one_end(self):
        if (self.count is None) == (self.until is None):
            raise ValueError("give either count or until")
        return self


class _Overlap(_Input):
    allow_overlap: bool = Field(False, description="Book even if it overlaps (with a reason).")
    reason: str = Field("", max_length=300, description="Why it may overlap: audited.")


class AppointmentBookIn(_Overlap):
    starts_at: datetime = Field(description="A time without an offset is the practice's.")
    duration_minutes: int
    kind: str = "session"
    clinician: str | None = Field(None, description="A username; you by default.")
    location: str = ""
    recurrence: RecurrenceIn | None = None


class AppointmentPatchIn(_Overlap):
    attendance: str | None = Field(None, description="One of " + ", ".join(Attendance.values))
    starts_at: datetime | None = None
    duration_minutes: int | None = None


class ClashOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    summary: str


class ClashRefusedOut(Schema):
    detail: str
    clashes: list[ClashOut]


class CalendarEntryOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    duration_minutes: int
    kind: str
    location: str
    attendance: str
    clinician: str
    client_id: int | None = Field(description="None for a role that sees no appointments.")
    client: str | None


def as_aware(moment: datetime) -> datetime:
    if timezone.is_naive(moment):
        return timezone.make_aware(moment, timezone.get_current_timezone())
    return moment


def clinician_for(request: ApiRequest, username: str | None) -> User:
    if username is None:
        return request.auth
    found = schedulable_clinicians(request.auth).filter(username=username).first()
    if found is None:
        raise ValidationError({"clinician": f"You cannot book for {username!r}."})
    return found


def clash_refused(error: booking.BookingClash, user: User) -> Status:
    clashes = [
        {
            "id": other.pk,
            "starts_at": _local(other.starts_at),
            "ends_at": _local(other.ends_at),
            "summary": booking.describe(other, viewer=user),
        }
        for other in error.clashes
    ]
    return Status(409, {"detail": " ".join(error.messages), "clashes": clashes})


@router.patch(
    "/appointments/{appointment_id}",
    response={200: AppointmentOut, 409: ClashRefusedOut},
    url_name="appointment_update",
    operation_id="appointment_update",
)
def appointment_update(request: ApiRequest, appointment_id: int, payload: AppointmentPatchIn):
    """Record attendance (`attendance`), or move the appointment (`starts_at`, and
    `duration_minutes` to change its length) under the booking rules: a clash answers
    409 unless `allow_overlap` comes with a `reason`."""
    appointment = appointment_through_door(
        request.auth,
        appointment_id,
        purpose="api: change an appointment",
        write=True,
        request=request,
    )
    moving = payload.starts_at is not None or payload.duration_minutes is not None
    if payload.attendance is None and not moving:
        raise ValidationError("Give attendance, or starts_at or duration_minutes to move it.")
    if payload.attendance is not None and moving:
        raise ValidationError("Record attendance and move an appointment in separate requests.")
    if payload.attendance is not None:
        return services.appointment_record_attendance(
            acting_user=request.auth,
            appointment=appointment,
            attendance=payload.attendance,
            request=request,
        )
    try:
        return booking.appointment_move(
            acting_user=request.auth,
            appointment=appointment,
            starts_at=as_aware(payload.starts_at or appointment.starts_at),
            duration_minutes=payload.duration_minutes,
            allow_overlap=payload.allow_overlap,
            overlap_reason=payload.reason,
            request=request,
        )
    except booking.BookingClash as error:
        return clash_refused(error, request.auth)


class CalendarQuery(Schema):
    start: datetime
    end: datetime
    clinician: str | None = Field(
        None, description="A username, or `team` for everyone you schedule for."
    )


@router.get(
    "/calendar", response=list[CalendarEntryOut], url_name="calendar", operation_id="calendar"
)
def calendar(request: ApiRequest, query: Query[CalendarQuery]):
    """Appointments starting in [start, end) (at most 93 days), in time order: yours,
    or for intake, admin and supervisors anyone they schedule for (`clinician`: a
    username, or `team`). Only clients you may see; a role without access to
    appointments (the admin) gets times without clients."""
    start, end = as_aware(query.start), as_aware(query.end)
    if not start < end <= start + timedelta(days=MAX_RANGE_DAYS):
        raise ValidationError(f"end must be after start, at most {MAX_RANGE_DAYS} days later.")
    if not schedulable_clinicians(request.auth).exists():
        raise PermissionDenied("Your role has no calendar.")
    # The page asks for a diary by id, the API by username; an unknown one is 404 alike.
    wanted: object = query.clinician
    if wanted not in (None, "team"):
        person = schedulable_clinicians(request.auth).filter(username=wanted).first()
        wanted = person.pk if person else "0"
    people = calendar_people(request.auth, wanted)
    rows = calendar_read(
        request.auth,
        start=start,
        end=end,
        clinicians=people,
        request=request,
        purpose="api: calendar",
    )
    named = can_see_part(request.auth, Part.DEMOGRAPHICS)
    return [_entry(row, named=named) for row in rows]


def _entry(row, *, named: bool) -> dict:
    # Appointments are demographics (clients.access.Part): a directory-only role sees
    # that a diary is busy, not with whom or where.
    return {
        "id": row.pk,
        "starts_at": _local(row.starts_at),
        "ends_at": _local(row.ends_at),
        "duration_minutes": row.duration_minutes,
        "kind": row.kind,
        "location": row.location if named else "",
        "attendance": row.attendance,
        "clinician": row.clinician.username,
        "client_id": row.client_id if named else None,
        "client": row.client.display_name if named else None,
    }
