"""Writing the client record. Each function is one transaction with its audit event;
each validates before writing, so bad input changes nothing. Callers have already been
through the door (`clients.access.access_client`) for the client concerned."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest

from caseload.accounts.models import CLINICAL_ROLES, User
from caseload.audit.services import audit_record
from caseload.clients.booking import appointment_book
from caseload.clients.models import (
    Appointment,
    CareTeamMember,
    CareTeamRole,
    Client,
    CommunicationProfile,
    Episode,
    Perspective,
)
from caseload.core import clock

DEMOGRAPHIC_FIELDS = (
    "legal_name",
    "preferred_name",
    "pronouns",
    "date_of_birth",
    "email",
    "phone",
    "address",
    "emergency_contact_name",
    "emergency_contact_relationship",
    "emergency_contact_phone",
    "status",
)
PERSPECTIVE_FIELDS = (
    "what_brings_them",
    "hopes",
    "strengths",
    "what_has_helped",
    "what_has_not_helped",
    "culture_and_values",
)
COMMUNICATION_FIELDS = (
    "preferred_language",
    "interpreter_needed",
    "interpreter_language",
    "reading_level",
    "accessibility_needs",
    "preferred_channel",
    "preferred_times",
    "what_helps",
    "sensitivities",
)


def _apply(instance: models.Model, changes: dict[str, Any], allowed: tuple[str, ...]) -> list[str]:
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(unknown)}.")
    changed = [name for name, value in changes.items() if getattr(instance, name) != value]
    for name, value in changes.items():
        setattr(instance, name, value)
    return changed


def _require_clinical(user: User) -> None:
    if not user.is_active or user.role not in CLINICAL_ROLES:
        raise ValidationError(f"{user} is not an active clinician or supervisor.")


def client_create(
    *,
    acting_user: User,
    fields: dict[str, Any],
    primary_clinician: User | None = None,
    request: HttpRequest | None = None,
) -> Client:
    """Register a client and open their first episode of care. A clinician who creates a
    client becomes their primary clinician unless another is named."""
    if primary_clinician is None and acting_user.role in CLINICAL_ROLES:
        primary_clinician = acting_user
    if primary_clinician is not None:
        _require_clinical(primary_clinician)
    client = Client()
    _apply(client, fields, DEMOGRAPHIC_FIELDS)
    client.full_clean()
    with transaction.atomic():
        client.save()
        Perspective.objects.create(client=client)
        CommunicationProfile.objects.create(client=client)
        Episode.objects.create(client=client, started_on=clock.today())
        if primary_clinician is not None:
            CareTeamMember.objects.create(
                client=client, user=primary_clinician, role=CareTeamRole.PRIMARY
            )
        audit_record(
            action="client.create",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=client,
            detail={"primary": getattr(primary_clinician, "username", None)},
        )
    return client


def client_update(
    *,
    acting_user: User,
    client: Client,
    changes: dict[str, Any],
    request: HttpRequest | None = None,
) -> Client:
    changed = _apply(client, changes, DEMOGRAPHIC_FIELDS)
    client.full_clean()
    if not changed:
        return client
    with transaction.atomic():
        client.save(update_fields=[*changed, "updated_at"])
        audit_record(
            action="client.update",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=client,
            detail={"fields": changed},
        )
    return client


def perspective_save(
    *,
    acting_user: User,
    client: Client,
    changes: dict[str, Any],
    request: HttpRequest | None = None,
) -> Perspective:
    perspective, _ = Perspective.objects.get_or_create(client=client)
    changed = _apply(perspective, changes, PERSPECTIVE_FIELDS)
    perspective.full_clean()
    if changed:
        with transaction.atomic():
            perspective.updated_by = acting_user
            perspective.save()
            audit_record(
                action="perspective.update",
                actor=acting_user,
                request=request,
                client_id=client.pk,
                obj=perspective,
                detail={"fields": changed},
            )
    return perspective


def communication_save(
    *,
    acting_user: User,
    client: Client,
    changes: dict[str, Any],
    request: HttpRequest | None = None,
) -> CommunicationProfile:
    profile, _ = CommunicationProfile.objects.get_or_create(client=client)
    changed = _apply(profile, changes, COMMUNICATION_FIELDS)
    if profile.interpreter_needed and not profile.interpreter_language:
        profile.interpreter_language = profile.preferred_language
    profile.full_clean()
    if changed:
        with transaction.atomic():
            profile.save()
            audit_record(
                action="communication.update",
                actor=acting_user,
                request=request,
                client_id=client.pk,
                obj=profile,
                detail={"fields": changed},
            )
    return profile


def care_team_add(
    *,
    acting_user: User,
    client: Client,
    user: User,
    primary: bool = False,
    request: HttpRequest | None = None,
) -> CareTeamMember:
    """Add a clinician to the care team. As primary, they replace the current primary
    clinician, who stays on the team as a member."""
    _require_clinical(user)
    with transaction.atomic():
        if primary:
            client.care_team.filter(role=CareTeamRole.PRIMARY).exclude(user=user).update(
                role=CareTeamRole.MEMBER
            )
        member, created = CareTeamMember.objects.get_or_create(
            client=client,
            user=user,
            defaults={"role": CareTeamRole.PRIMARY if primary else CareTeamRole.MEMBER},
        )
        if not created and primary and member.role != CareTeamRole.PRIMARY:
            member.role = CareTeamRole.PRIMARY
            member.save(update_fields=["role"])
        audit_record(
            action="care_team.add",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=member,
            detail={"user": user.username, "role": member.role},
        )
    return member


def care_team_remove(
    *, acting_user: User, member: CareTeamMember, request: HttpRequest | None = None
) -> None:
    if member.role == CareTeamRole.PRIMARY and member.client.status not in ("discharged",):
        others = member.client.care_team.exclude(pk=member.pk)
        if not others.exists():
            raise ValidationError(
                "This is the only clinician on the care team; add another before removing them."
            )
    with transaction.atomic():
        audit_record(
            action="care_team.remove",
            actor=acting_user,
            request=request,
            client_id=member.client_id,
            obj=member,
            detail={"user": member.user.username, "role": member.role},
        )
        member.delete()


def appointment_create(
    *,
    acting_user: User,
    client: Client,
    clinician: User,
    starts_at: datetime,
    duration_minutes: int,
    kind: str,
    location: str = "",
    request: HttpRequest | None = None,
) -> Appointment:
    """Book one appointment under every booking rule (clients/booking.py)."""
    return appointment_book(
        acting_user=acting_user,
        client=client,
        clinician=clinician,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        kind=kind,
        location=location,
        request=request,
    )[0]


def appointment_record_attendance(
    *,
    acting_user: User,
    appointment: Appointment,
    attendance: str,
    request: HttpRequest | None = None,
) -> Appointment:
    old = appointment.attendance
    appointment.attendance = attendance
    appointment.full_clean()
    with transaction.atomic():
        appointment.save(update_fields=["attendance"])
        audit_record(
            action="appointment.attendance",
            actor=acting_user,
            request=request,
            client_id=appointment.client_id,
            obj=appointment,
            detail={"from": old, "to": attendance},
        )
    return appointment


def episode_open(
    *,
    acting_user: User,
    client: Client,
    started_on: date,
    reason: str = "",
    referral_source: str = "",
    request: HttpRequest | None = None,
) -> Episode:
    if client.episodes.filter(ended_on__isnull=True).exists():
        raise ValidationError("Close the open episode of care before opening a new one.")
    episode = Episode(
        client=client, started_on=started_on, reason=reason, referral_source=referral_source
    )
    episode.full_clean()
    with transaction.atomic():
        episode.save()
        audit_record(
            action="episode.open",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=episode,
        )
    return episode


def episode_close(
    *, acting_user: User, episode: Episode, ended_on: date, request: HttpRequest | None = None
) -> Episode:
    if episode.ended_on is not None:
        raise ValidationError("This episode of care is already closed.")
    episode.ended_on = ended_on
    episode.full_clean()
    with transaction.atomic():
        episode.save(update_fields=["ended_on"])
        audit_record(
            action="episode.close",
            actor=acting_user,
            request=request,
            client_id=episode.client_id,
            obj=episode,
        )
    return episode
