"""Reads of the calendar, shared by the calendar page, the API and the feeds. Every one
starts from the door's rules: the diaries the user may see (`schedulable_clinicians`)
and the clients they may see (`clients_visible_to`)."""

from datetime import datetime

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from caseload.accounts.models import AnyUser, User
from caseload.audit.services import audit_record
from caseload.clients.access import Part, access_client, clients_visible_to, schedulable_clinicians
from caseload.clients.models import Appointment

# The longest range one request may list: a month view with its edge weeks, a quarter
# through the API.
MAX_RANGE_DAYS = 93


def calendar_people(user: AnyUser, clinician_id: object | None) -> list[User]:
    """The diaries to show: the one asked for (404 if not one the user may schedule
    for), or with None the user's own if they have one, otherwise everyone they may
    schedule for ("team" also asks for everyone)."""
    people = schedulable_clinicians(user).order_by("last_name", "first_name", "username")
    if clinician_id == "team":
        return list(people)
    if clinician_id not in (None, ""):
        try:
            return [people.get(pk=int(str(clinician_id)))]
        except (User.DoesNotExist, ValueError):
            raise Http404("No such diary.") from None
    own = [person for person in people if person.pk == user.pk]
    return own or list(people)


def calendar_appointments(
    user: AnyUser, *, start: datetime, end: datetime, clinicians: list[User]
) -> QuerySet[Appointment]:
    """The appointments starting in [start, end) in the clinicians' diaries, of clients
    the user may see, in time order."""
    return (
        Appointment.objects.filter(
            clinician__in=[person.pk for person in clinicians],
            client__in=clients_visible_to(user),
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .select_related("client", "clinician")
        .order_by("starts_at", "pk")
    )


def calendar_read(
    user: User,
    *,
    start: datetime,
    end: datetime,
    clinicians: list[User],
    request: HttpRequest | None = None,
    purpose: str = "calendar",
) -> list[Appointment]:
    """`calendar_appointments`, audited: the event lists the clients whose appointments
    were shown."""
    appointments = list(calendar_appointments(user, start=start, end=end, clinicians=clinicians))
    audit_record(
        action="calendar.read",
        actor=user,
        request=request,
        purpose=purpose,
        detail={
            "start": start.isoformat(),
            "end": end.isoformat(),
            "clinicians": [person.username for person in clinicians],
            "client_ids": sorted({appointment.client_id for appointment in appointments}),
        },
    )
    return appointments


def appointment_through_door(
    user: AnyUser,
    appointment_id: object,
    *,
    purpose: str,
    write: bool = False,
    request: HttpRequest | None = None,
) -> Appointment:
    """The appointment, reached through its client's door (demographics: appointments
    are scheduling data). Not visible answers 404 exactly like not existing."""
    try:
        number = int(str(appointment_id))
    except ValueError:
        raise Http404("No such appointment.") from None
    found = (
        Appointment.objects.filter(pk=number, client__in=clients_visible_to(user))
        .values_list("client_id", flat=True)
        .first()
    )
    if found is None:
        raise Http404("No such appointment.")
    client = access_client(
        user, found, part=Part.DEMOGRAPHICS, write=write, purpose=purpose, request=request
    )
    return client.appointments.select_related("client", "clinician").get(pk=number)
