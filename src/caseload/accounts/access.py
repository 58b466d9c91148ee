"""The one door to client data (ARCHITECTURE.md rule 1).

Every view, API endpoint and export reaches a client through `access_client` or lists
clients through `clients_visible_to`. Both state the rule in one place and write the
audit event. A client the user may not see answers 404, exactly like one that does not
exist; a client they may see but a part of the record their role does not cover answers
403.
"""

from datetime import datetime
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import Combinable
from django.http import Http404, HttpRequest

from caseload.accounts.models import AnyUser, Role, User
from caseload.audit.services import audit_record
from caseload.clients.models import CareTeamMember, Client
from caseload.core import clock
from caseload.privacy.models import BreakGlassGrant


class Part(StrEnum):
    """The parts of a client's record, from least to most sensitive."""

    DIRECTORY = "directory"  # name, status, care team
    DEMOGRAPHICS = "demographics"  # contact details, episodes, appointments
    COMMUNICATION = "communication"  # communication profile and sensitivities
    CLINICAL = "clinical"  # the client's perspective and everything clinical


ALL_PARTS = frozenset(Part)

# Least privilege by role (ARCHITECTURE.md rule 2). Write access follows read access:
# a role may change the parts it may see, for the clients it is related to.
ROLE_PARTS: dict[str, frozenset[Part]] = {
    Role.ADMIN: frozenset({Part.DIRECTORY}),
    Role.INTAKE: frozenset({Part.DIRECTORY, Part.DEMOGRAPHICS, Part.COMMUNICATION}),
    Role.CLINICIAN: ALL_PARTS,
    Role.SUPERVISOR: ALL_PARTS,
    Role.PRIVACY_OFFICER: frozenset(),
}


def parts_for(user: AnyUser) -> frozenset[Part]:
    if isinstance(user, AnonymousUser) or not user.is_active:
        return frozenset()
    return ROLE_PARTS.get(user.role, frozenset())


def clients_visible_to(user: AnyUser) -> QuerySet[Client]:
    """The clients this user is related to.

    - admin and intake: every client of the practice (directory and scheduling work);
    - clinician: clients whose care team includes them;
    - supervisor: their own care-team clients and their supervisees' care-team clients;
    - clinician or supervisor: also a client they hold an unexpired break-the-glass
      grant for (privacy.services.break_glass_open);
    - privacy officer, inactive or anonymous users: none.
    """
    if isinstance(user, AnonymousUser) or not parts_for(user):
        return Client.objects.none()
    return Client.objects.filter(visible_clients_rule(user.role, user.pk, clock.now()))


def visible_clients_rule(role: str, user_id: int | Combinable, now: datetime | Combinable) -> Q:
    """The condition of `clients_visible_to` for a user of `role` who may see clients.
    `user_id` and `now` are values, or Params for a prepared query (the caseload page's
    listing); either way this is the one statement of the rule."""
    if role in (Role.ADMIN, Role.INTAKE):
        return Q()
    team = CareTeamMember.objects.filter(client=OuterRef("pk"))
    grants = BreakGlassGrant.objects.filter(user_id=user_id, expires_at__gt=now)
    glass = Exists(grants.filter(client=OuterRef("pk")))
    if role == Role.CLINICIAN:
        return Q(Exists(team.filter(user_id=user_id))) | Q(glass)
    return Q(
        Exists(team.filter(Q(user_id=user_id) | Q(user__supervision_by__supervisor_id=user_id)))
    ) | Q(glass)


def _active_grants(user: User) -> QuerySet[BreakGlassGrant]:
    return BreakGlassGrant.objects.filter(user=user, expires_at__gt=clock.now())


def can_see_part(user: AnyUser, part: Part) -> bool:
    return part in parts_for(user)


def access_client(
    user: AnyUser,
    client_id: object,
    *,
    part: Part,
    purpose: str,
    write: bool = False,
    request: HttpRequest | None = None,
) -> Client:
    """Return the client if `user` may read (or, with write=True, change) `part` of
    their record, and audit the access. Raise Http404 when the client does not exist
    or the user has no relationship to them; PermissionDenied when the role does not
    cover `part`. Denials are audited too. Under a break-the-glass grant, the event
    carries the grant and its stated reason, whatever the page's own purpose."""
    action = "client.write" if write else "client.read"
    try:
        client = clients_visible_to(user).get(pk=_as_id(client_id))
    except (Client.DoesNotExist, ValueError, TypeError):
        _audit_denied(user, client_id, part, "not visible", request)
        raise Http404("No such client.") from None
    if part not in parts_for(user):
        _audit_denied(user, client_id, part, "role does not cover this part", request)
        raise PermissionDenied("Your role does not give access to this part of the record.")
    detail: dict[str, object] = {"part": str(part)}
    grant = None
    if not isinstance(user, AnonymousUser) and user.is_clinical:
        grant = _active_grants(user).filter(client=client).first()
    if grant is not None:
        detail.update(break_glass_grant=grant.pk, break_glass_reason=grant.reason)
        purpose = f"break-the-glass: {grant.reason} ({purpose})"
    audit_record(
        action=action,
        actor=user,
        request=request,
        client_id=client.pk,
        obj=client,
        purpose=purpose,
        detail=detail,
    )
    return client


def _as_id(value: object) -> int:
    if not isinstance(value, int | str):
        raise TypeError("an id is a number or its digits")
    number = int(value)
    if not 0 < number < 2**63:
        raise ValueError("id out of range")
    return number


def _audit_denied(
    user: AnyUser, client_id: object, part: Part, reason: str, request: HttpRequest | None
) -> None:
    try:
        numeric_id = _as_id(client_id)
    except (ValueError, TypeError):
        numeric_id = None
    audit_record(
        action="client.denied",
        actor=user,
        request=request,
        client_id=numeric_id,
        object_type="clients.client",
        object_id=str(client_id)[:64],
        detail={"part": str(part), "reason": reason},
    )


def can_manage_care_team(user: AnyUser) -> bool:
    """Care-team assignment is for admins and intake workers (not the clinicians
    themselves, so nobody adds themselves to a client's team)."""
    if isinstance(user, AnonymousUser):
        return False
    return user.is_active and user.role in (Role.ADMIN, Role.INTAKE)


def can_create_clients(user: AnyUser) -> bool:
    if isinstance(user, AnonymousUser):
        return False
    return user.is_active and user.role in (Role.INTAKE, Role.CLINICIAN, Role.SUPERVISOR)
