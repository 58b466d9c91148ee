"""The one door to client data (ARCHITECTURE.md rule 1), and every relationship rule.

Every view, API endpoint and export reaches a client through `access_client` or lists
clients through `clients_visible_to`. Both state the rule in one place and write the
audit event. The other relationship rules live here too, one function each, so no other
module restates them: who supervises whom (`supervises`, `supervisees_of`,
`supervisors_of`), a professional's own clients (`own_clients`, and the workload's
set, `workload_clients`), who an alert reaches and who sees it (`alert_recipients`,
`alert_visible_rule`), whose report lines a user may see
(`authored_or_supervised_rule`) and break-the-glass (`active_grant`,
`break_glass_grants_visible_to`). tests/clients/test_access_rules.py states them all as
one table. A client the user may not see answers 404, exactly like one that does not
exist; a client they may see but a part of the record their role does not cover answers
403.
"""

from datetime import datetime
from enum import StrEnum
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import Combinable
from django.http import Http404, HttpRequest

from caseload.accounts.models import AnyUser, Role, Supervision, User
from caseload.audit.services import audit_record
from caseload.clients.models import (
    BreakGlassGrant,
    CareTeamMember,
    CareTeamRole,
    Client,
    ClientStatus,
)
from caseload.core import clock


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
    `user_id` and `now` are values or expressions; either way this is the one statement
    of the rule."""
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


def active_grant(user: User, client_id: int) -> BreakGlassGrant | None:
    """The user's unexpired break-the-glass grant for the client, if they hold one
    (privacy.services.break_glass_open makes them; they end at `expires_at`)."""
    grants = BreakGlassGrant.objects.filter(user=user, client_id=client_id)
    return grants.filter(expires_at__gt=clock.now()).first()


def break_glass_grants_visible_to(user: AnyUser) -> QuerySet[BreakGlassGrant]:
    """- privacy officer: every break-the-glass grant;
    - clinician or supervisor: their own grants, and grants on clients they are the
      primary clinician of (they review those);
    - everyone else: none."""
    grants = BreakGlassGrant.objects.select_related("user", "reviewed_by", "client")
    if isinstance(user, AnonymousUser):
        return grants.none()
    if user.role == Role.PRIVACY_OFFICER:
        return grants
    if not user.is_clinical:
        return grants.none()
    primary = Q(client__care_team__user=user, client__care_team__role=CareTeamRole.PRIMARY)
    return grants.filter(Q(user=user) | primary).distinct()


def supervises(supervisor: User, supervisee_id: int) -> bool:
    """Whether `supervisor` holds a supervision link to the user `supervisee_id`."""
    links = Supervision.objects.filter(supervisor=supervisor, supervisee_id=supervisee_id)
    return links.exists()


def has_supervisor(user: User) -> bool:
    """Whether anyone supervises `user` (notes needing a co-signature wait for them)."""
    return Supervision.objects.filter(supervisee=user).exists()


def supervisees_of(user: User) -> QuerySet[User]:
    """The people `user` supervises, active or not."""
    return User.objects.filter(supervision_by__supervisor=user)


def supervisors_of(user: User, *, active_only: bool = True) -> QuerySet[User]:
    """The people who supervise `user` (by default only those who can still sign in)."""
    people = User.objects.filter(supervision_of__supervisee=user)
    return people.filter(is_active=True) if active_only else people


def own_clients(user: User) -> QuerySet[Client]:
    """The clients whose care team includes `user`, whatever their role: a
    professional's own caseload (the workload page counts these, never the
    supervisees' or a break-the-glass client)."""
    return Client.objects.filter(
        pk__in=CareTeamMember.objects.filter(user=user).values("client_id")
    )


def workload_clients(user: User) -> QuerySet[Client]:
    """The clients a professional's workload counts: their own, not yet discharged."""
    return own_clients(user).exclude(status=ClientStatus.DISCHARGED)


def care_team_of(client_id: int) -> QuerySet[User]:
    """The active members of the client's care team."""
    return User.objects.filter(is_active=True, care_teams__client_id=client_id).distinct()


def supervisors_of_care_team(client_id: int) -> QuerySet[User]:
    """The active supervisors of anyone on the client's care team."""
    return User.objects.filter(
        is_active=True,
        supervision_of__supervisee__care_teams__client_id=client_id,
    ).distinct()


def alert_recipients(client_id: int, *, reaches_supervisors: bool) -> list[User]:
    """Who a client's safety alert reaches: the care team; once it has escalated to
    supervisors, their supervisors too (safety/escalation.py decides when)."""
    people = {user.pk: user for user in care_team_of(client_id)}
    if reaches_supervisors:
        people.update({user.pk: user for user in supervisors_of_care_team(client_id)})
    return list(people.values())


def alert_visible_rule(user_id: Any, *, escalated: Q) -> Q:
    """Which alerts (rows with a `client_id`) a user sees: those of clients on their
    care teams always; those of their supervisees' clients once `escalated` holds."""
    # `client_id IN (...)` over the user's care teams, not a correlated EXISTS: the same
    # rows, and the header counts open alerts with it on every page, where it is about
    # a third cheaper to build (3,000 function calls against 4,900).
    own = CareTeamMember.objects.filter(user_id=user_id).values("client_id")
    supervised = CareTeamMember.objects.filter(user__supervision_by__supervisor_id=user_id)
    return Q(client_id__in=own) | (Q(client_id__in=supervised.values("client_id")) & escalated)


def authored_or_supervised_rule(user: User, *, author_field: str) -> Q:
    """Rows (a mandatory report, a report line) that `user` wrote, or that one of their
    supervisees wrote; `author_field` names the row's author."""
    return Q(**{author_field: user}) | Q(**{f"{author_field}__supervision_by__supervisor": user})


def schedulable_clinicians(user: AnyUser) -> QuerySet[User]:
    """The active clinicians and supervisors whose diary `user` may see and book into.

    - intake and admin: every one of them (scheduling is their work; the admin sees
      client names only, the directory);
    - supervisor: themselves and the people they supervise;
    - clinician: themselves;
    - privacy officer, inactive or anonymous users: nobody.
    """
    if isinstance(user, AnonymousUser) or not parts_for(user):
        return User.objects.none()
    clinical = User.objects.filter(is_active=True, role__in=(Role.CLINICIAN, Role.SUPERVISOR))
    if user.role in (Role.ADMIN, Role.INTAKE):
        return clinical
    if user.role == Role.SUPERVISOR:
        return clinical.filter(Q(pk=user.pk) | Q(supervision_by__supervisor=user)).distinct()
    return clinical.filter(pk=user.pk)


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
        grant = active_grant(user, client.pk)
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


def clients_named_in_audit(user: AnyUser) -> QuerySet[Client]:
    """The clients whose names `user` may read in the audit trail and search it by.

    - privacy officer: every client (they oversee the whole trail; a name is
      demographics, never clinical content);
    - anyone else: only the clients they may see (`clients_visible_to`), so a search by
      name never tells them a client they are not related to exists;
    - inactive or anonymous users: none.
    """
    if isinstance(user, AnonymousUser) or not user.is_active:
        return Client.objects.none()
    if user.role == Role.PRIVACY_OFFICER:
        return Client.objects.all()
    return clients_visible_to(user)
