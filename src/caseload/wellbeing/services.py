"""Writing the professional's logs: contacts between sessions, boundary events,
supervision sessions and their action items, and the practice's thresholds.

The private self-check has its own module, wellbeing/selfcheck.py."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest

from caseload.accounts.models import CLINICAL_ROLES, Role, User
from caseload.audit.services import audit_record
from caseload.clients import access
from caseload.clients.models import Client
from caseload.core import clock
from caseload.core.contact_policy import contact_policy_for
from caseload.wellbeing.models import (
    ActionItem,
    BoundaryEvent,
    BoundaryKind,
    ContactChannel,
    ContactLog,
    InitiatedBy,
    SupervisionSession,
    WorkloadSettings,
)
from caseload.wellbeing.policy import as_practice_time, check_contact


def _require_professional(user: User) -> None:
    if user.role not in CLINICAL_ROLES:
        raise ValidationError("Only clinicians and supervisors keep these logs.")


def _require_choice(value: str, choices: type[models.TextChoices], what: str) -> None:
    if value not in choices.values:
        allowed = ", ".join(choices.values)
        raise ValidationError(f"{value!r} is not a {what}; use one of: {allowed}.")


def contact_log(
    *,
    acting_user: User,
    client: Client,
    channel: str,
    initiated_by: str,
    started_at: datetime.datetime,
    duration_minutes: int,
    note: str = "",
    request: HttpRequest | None = None,
) -> ContactLog:
    """Log one contact outside a session and mark it against the client's agreed contact
    policy. A time without a zone is read in the practice's time zone."""
    _require_professional(acting_user)
    _require_choice(channel, ContactChannel, "contact channel")
    _require_choice(initiated_by, InitiatedBy, "choice of who started it")
    started_at = as_practice_time(started_at)
    if started_at > clock.now() + datetime.timedelta(minutes=5):
        raise ValidationError("That time is in the future; log a contact once it has happened.")
    if not 1 <= duration_minutes <= 600:
        raise ValidationError("The length must be between 1 and 600 minutes.")
    policy = contact_policy_for(client)
    check = check_contact(
        policy, started_at=started_at, duration_minutes=duration_minutes, channel=channel
    )
    contact = ContactLog(
        client=client,
        professional=acting_user,
        channel=channel,
        initiated_by=initiated_by,
        started_at=started_at,
        duration_minutes=duration_minutes,
        note=note.strip(),
        out_of_hours=check.out_of_hours,
        off_channel=check.off_channel,
        policy_source=policy.source,
    )
    with transaction.atomic():
        contact.save()
        audit_record(
            action="contact.log",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=contact,
            detail={"within_policy": check.within_policy},
        )
    return contact


def boundary_record(
    *,
    acting_user: User,
    client: Client,
    kind: str,
    occurred_on: datetime.date,
    reflection: str = "",
    discuss_in_supervision: bool = False,
    minutes_over: int | None = None,
    request: HttpRequest | None = None,
) -> BoundaryEvent:
    """Record an event in the professional's boundary log."""
    _require_professional(acting_user)
    _require_choice(kind, BoundaryKind, "kind of boundary event")
    if occurred_on > clock.today():
        raise ValidationError("That date is in the future.")
    if minutes_over is not None and kind != BoundaryKind.EXTENDED_SESSION:
        minutes_over = None
    event = BoundaryEvent(
        client=client,
        professional=acting_user,
        kind=kind,
        occurred_on=occurred_on,
        reflection=reflection.strip(),
        discuss_in_supervision=discuss_in_supervision,
        minutes_over=minutes_over,
    )
    with transaction.atomic():
        event.save()
        audit_record(
            action="boundary.record",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=event,
            detail={"kind": kind, "discuss_in_supervision": discuss_in_supervision},
        )
    return event


def boundary_flag(
    *, acting_user: User, event: BoundaryEvent, discuss: bool, request: HttpRequest | None = None
) -> BoundaryEvent:
    """Flag (or unflag) one's own boundary entry for supervision."""
    if event.professional_id != acting_user.pk:
        raise ValidationError("Only the person who wrote an entry can flag it.")
    if event.discussed_in_id is not None:
        raise ValidationError("This entry has already been discussed in supervision.")
    with transaction.atomic():
        event.discuss_in_supervision = discuss
        event.save(update_fields=["discuss_in_supervision"])
        audit_record(
            action="boundary.flag",
            actor=acting_user,
            request=request,
            client_id=event.client_id,
            obj=event,
            detail={"discuss_in_supervision": discuss},
        )
    return event


def supervises(supervisor: User, supervisee: User) -> bool:
    return access.supervises(supervisor, supervisee.pk)


def supervision_session_record(
    *,
    acting_user: User,
    supervisee: User,
    held_on: datetime.date,
    notes: str = "",
    cases: Sequence[Client] = (),
    boundary_items: Sequence[BoundaryEvent] = (),
    nudges: Sequence[str] = (),
    request: HttpRequest | None = None,
) -> SupervisionSession:
    """A supervisor records a session with a supervisee: the cases discussed (clients
    the caller has already opened through the door), the boundary items the supervisee
    brought, and the workload nudges talked about."""
    if acting_user.role != Role.SUPERVISOR or not supervises(acting_user, supervisee):
        raise ValidationError("You can record supervision only with the people you supervise.")
    if held_on > clock.today() + datetime.timedelta(days=1):
        raise ValidationError("A supervision session is recorded once it has happened.")
    strays = [item for item in boundary_items if not item.waiting_for_supervision]
    if strays or any(item.professional_id != supervisee.pk for item in boundary_items):
        raise ValidationError(
            "Only items your supervisee has brought to supervision can be added."
        )
    session = SupervisionSession(
        supervisor=acting_user,
        supervisee=supervisee,
        held_on=held_on,
        notes=notes.strip(),
        nudges=[str(message) for message in nudges],
    )
    with transaction.atomic():
        session.save()
        session.cases.set(cases)
        for item in boundary_items:
            item.discussed_in = session
            item.save(update_fields=["discussed_in"])
        audit_record(
            action="supervision.record",
            actor=acting_user,
            request=request,
            obj=session,
            detail={
                "supervisee": supervisee.username,
                "client_ids": sorted(client.pk for client in cases),
                "boundary_items": len(boundary_items),
            },
        )
    return session


def _require_party(user: User, session: SupervisionSession) -> None:
    if user.pk not in (session.supervisor_id, session.supervisee_id):
        raise ValidationError("Only the supervisor and supervisee can change this session.")


def action_item_add(
    *,
    acting_user: User,
    session: SupervisionSession,
    text: str,
    due_on: datetime.date,
    request: HttpRequest | None = None,
) -> ActionItem:
    _require_party(acting_user, session)
    if not text.strip():
        raise ValidationError("Write what is to be done.")
    item = ActionItem(session=session, text=text.strip(), due_on=due_on)
    with transaction.atomic():
        item.save()
        audit_record(action="supervision.action_add", actor=acting_user, request=request, obj=item)
    return item


def action_item_done(
    *, acting_user: User, item: ActionItem, request: HttpRequest | None = None
) -> ActionItem:
    _require_party(acting_user, item.session)
    if item.done_at is not None:
        return item
    with transaction.atomic():
        item.done_at = clock.now()
        item.save(update_fields=["done_at"])
        audit_record(
            action="supervision.action_done", actor=acting_user, request=request, obj=item
        )
    return item


THRESHOLD_FIELDS = (
    "caseload_capacity",
    "high_risk_clients",
    "alerts_and_crises",
    "out_of_hours_contacts",
    "out_of_hours_one_client",
    "sessions_running_over",
    "sessions_per_week",
    "days_without_break",
)


def workload_settings_save(
    *, acting_user: User, changes: dict[str, Any], request: HttpRequest | None = None
) -> WorkloadSettings:
    """The administrator sets the practice's workload thresholds."""
    if acting_user.role != Role.ADMIN:
        raise ValidationError("Only an administrator changes the practice's thresholds.")
    row = WorkloadSettings.current()
    changed = [name for name in THRESHOLD_FIELDS if name in changes]
    for name in changed:
        setattr(row, name, changes[name])
    row.full_clean()
    with transaction.atomic():
        # The first save writes the whole row; later ones only what changed.
        row.save(update_fields=None if row._state.adding else [*changed, "updated_at"])
        audit_record(
            action="workload.settings",
            actor=acting_user,
            request=request,
            obj=row,
            detail={name: changes[name] for name in changed},
        )
    return row
