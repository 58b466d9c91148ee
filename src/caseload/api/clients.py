"""/clients: the client record over the API. Every client is reached through the door
(`clients.access`), which checks the relationship and writes the audit event."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, FilteredRelation, Q, QuerySet
from ninja import Query, Router, Status

from caseload.accounts.models import User
from caseload.api.auth import ApiRequest
from caseload.api.scheduling import (
    AppointmentBookIn,
    ClashRefusedOut,
    as_aware,
    clash_refused,
    clinician_for,
)
from caseload.api.schemas import (
    AppointmentOut,
    ClientCreateIn,
    ClientOut,
    ClientPage,
    ClientPatchIn,
    Page,
)
from caseload.audit.services import audit_record
from caseload.clients import booking
from caseload.clients import services as client_services
from caseload.clients.access import (
    Part,
    access_client,
    can_create_clients,
    can_see_part,
    clients_visible_to,
)
from caseload.clients.forms import clinicians
from caseload.clients.models import CareTeamRole

router = Router(tags=["clients"])


def _listing(user) -> QuerySet:
    """The visible clients with their primary clinician's username, in one query."""
    return (
        clients_visible_to(user)
        .annotate(
            primary_member=FilteredRelation(
                "care_team", condition=Q(care_team__role=CareTeamRole.PRIMARY)
            ),
            primary_clinician=F("primary_member__user__username"),
        )
        .order_by("legal_name", "id")
    )


def _clinician_named(username: str | None) -> User | None:
    if username is None:
        return None
    user = clinicians().filter(username=username).first()
    if user is None:
        raise ValidationError(
            {"primary_clinician": f"No active clinician or supervisor is called {username!r}."}
        )
    return user


@router.get("/clients", response=ClientPage, url_name="clients_list", operation_id="clients_list")
def clients_list(request: ApiRequest, page: Query[Page]):
    """The clients you may see, by name."""
    rows = page.rows(_listing(request.auth))
    if not can_see_part(request.auth, Part.DEMOGRAPHICS):
        # Directory-only roles (the admin) get names, status and care team, no more.
        for client in rows:
            client.pronouns = client.date_of_birth = None
    audit_record(
        action="api.clients.list",
        actor=request.auth,
        request=request,
        detail={"client_ids": [client.pk for client in rows]},
    )
    return {"items": rows, "count": clients_visible_to(request.auth).count()}


@router.post(
    "/clients", response={201: ClientOut}, url_name="client_create", operation_id="client_create"
)
def client_create(request: ApiRequest, payload: ClientCreateIn):
    """Register a client; a clinician registering one becomes its primary clinician
    unless `primary_clinician` names another."""
    if not can_create_clients(request.auth):
        raise PermissionDenied("Your role cannot register clients.")
    client = client_services.client_create(
        acting_user=request.auth,
        fields=payload.model_dump(exclude_unset=True, exclude={"primary_clinician"}),
        primary_clinician=_clinician_named(payload.primary_clinician),
        request=request,
    )
    return Status(201, client)


@router.get(
    "/clients/{client_id}",
    response=ClientOut,
    url_name="client_detail",
    operation_id="client_detail",
)
def client_detail(request: ApiRequest, client_id: int):
    """A client's demographics and care team."""
    return access_client(
        request.auth,
        client_id,
        part=Part.DEMOGRAPHICS,
        purpose="api: read client",
        request=request,
    )


@router.patch(
    "/clients/{client_id}",
    response=ClientOut,
    url_name="client_update",
    operation_id="client_update",
)
def client_update(request: ApiRequest, client_id: int, payload: ClientPatchIn):
    """Change some of a client's demographics; fields left out keep their value."""
    client = access_client(
        request.auth,
        client_id,
        part=Part.DEMOGRAPHICS,
        write=True,
        purpose="api: update client",
        request=request,
    )
    return client_services.client_update(
        acting_user=request.auth,
        client=client,
        changes=payload.model_dump(exclude_unset=True),
        request=request,
    )


@router.get(
    "/clients/{client_id}/appointments",
    response=list[AppointmentOut],
    url_name="client_appointments",
    operation_id="client_appointments",
)
def client_appointments(request: ApiRequest, client_id: int):
    """A client's appointments, newest first."""
    client = access_client(
        request.auth,
        client_id,
        part=Part.DEMOGRAPHICS,
        purpose="api: appointments",
        request=request,
    )
    return client.appointments.select_related("clinician").order_by("-starts_at", "-id")


# Booking answers on the same path as the list above (one path, two methods, one router);
# its schemas and refusals live with the rest of the calendar API (api/scheduling.py).
@router.post(
    "/clients/{client_id}/appointments",
    response={201: list[AppointmentOut], 409: ClashRefusedOut},
    url_name="appointment_book",
    operation_id="appointment_book",
)
def appointment_book(request: ApiRequest, client_id: int, payload: AppointmentBookIn):
    """Book an appointment (or a weekly or fortnightly series, all or nothing) with
    `clinician`, you by default. A clash answers 409 naming each clashing appointment
    unless `allow_overlap` comes with a `reason`; a telehealth session needs the client's
    telehealth consent (422)."""
    client = access_client(
        request.auth,
        client_id,
        part=Part.DEMOGRAPHICS,
        write=True,
        purpose="api: book",
        request=request,
    )
    recurrence = None
    if payload.recurrence is not None:
        recurrence = booking.Recurrence(**payload.recurrence.model_dump())
    try:
        booked = booking.appointment_book(
            acting_user=request.auth,
            client=client,
            clinician=clinician_for(request, payload.clinician),
            starts_at=as_aware(payload.starts_at),
            duration_minutes=payload.duration_minutes,
            kind=payload.kind,
            location=payload.location,
            recurrence=recurrence,
            allow_overlap=payload.allow_overlap,
            overlap_reason=payload.reason,
            request=request,
        )
    except booking.BookingClash as error:
        return clash_refused(error, request.auth)
    return Status(201, booked)
