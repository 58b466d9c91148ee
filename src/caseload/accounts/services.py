"""Staff accounts, roles, supervision and API tokens. Each change is one transaction
with its audit event inside it."""

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from caseload.accounts.models import ApiToken, Role, Supervision, User
from caseload.audit.services import audit_record
from caseload.core import clock


def user_create(
    *,
    acting_user: User | None,
    username: str,
    role: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    supervisor: User | None = None,
    request: HttpRequest | None = None,
) -> User:
    """Create a staff account. Without a password the account cannot sign in until one
    is set. The password is checked against the practice's password rules."""
    if role not in Role.values:
        raise ValidationError(f"Unknown role {role!r}; choose one of {', '.join(Role.values)}.")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(f"The username {username!r} is taken.")
    user = User(
        username=username, role=role, first_name=first_name, last_name=last_name, email=email
    )
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    with transaction.atomic():
        user.save()
        audit_record(
            action="staff.create",
            actor=acting_user,
            request=request,
            obj=user,
            detail={"username": username, "role": role},
        )
        if supervisor is not None:
            supervision_add(
                acting_user=acting_user, supervisor=supervisor, supervisee=user, request=request
            )
    return user


def user_update_profile(
    *,
    acting_user: User,
    user: User,
    first_name: str,
    last_name: str,
    email: str,
    request: HttpRequest | None = None,
) -> User:
    with transaction.atomic():
        user.first_name, user.last_name, user.email = first_name, last_name, email
        user.save(update_fields=["first_name", "last_name", "email"])
        audit_record(
            action="staff.update",
            actor=acting_user,
            request=request,
            obj=user,
            detail={"fields": ["first_name", "last_name", "email"]},
        )
    return user


def user_change_role(
    *, acting_user: User, user: User, role: str, request: HttpRequest | None = None
) -> User:
    """Change a staff member's role. An admin cannot remove their own admin role, so the
    practice is never left without one by accident."""
    if role not in Role.values:
        raise ValidationError(f"Unknown role {role!r}.")
    if user.pk == acting_user.pk and role != Role.ADMIN:
        raise ValidationError("You cannot remove your own administrator role.")
    if user.role == Role.SUPERVISOR and role != Role.SUPERVISOR and user.supervision_of.exists():
        raise ValidationError("End this person's supervision relationships before the change.")
    with transaction.atomic():
        old = user.role
        user.role = role
        user.save(update_fields=["role"])
        audit_record(
            action="staff.role_change",
            actor=acting_user,
            request=request,
            obj=user,
            detail={"from": old, "to": role},
        )
    return user


def user_set_active(
    *, acting_user: User, user: User, active: bool, request: HttpRequest | None = None
) -> User:
    if user.pk == acting_user.pk and not active:
        raise ValidationError("You cannot deactivate your own account.")
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        if not active:
            ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
                revoked_at=clock.now()
            )
        audit_record(
            action="staff.activate" if active else "staff.deactivate",
            actor=acting_user,
            request=request,
            obj=user,
        )
    return user


def user_set_password(
    *, acting_user: User | None, user: User, password: str, request: HttpRequest | None = None
) -> User:
    """Set a staff member's password for them (an administrator, when they have forgotten
    it). Every session they have open ends at its next request: Django ties a session to
    the password hash."""
    return _password_save(
        action="staff.password_set",
        acting_user=acting_user,
        user=user,
        password=password,
        request=request,
    )


def user_change_password(
    *, acting_user: User, password: str, request: HttpRequest | None = None
) -> User:
    """The signed-in user changes their own password; the caller has checked the current
    one. Their other sessions end at their next request; the caller keeps the current one
    with `update_session_auth_hash`."""
    return _password_save(
        action="staff.password_change",
        acting_user=acting_user,
        user=acting_user,
        password=password,
        request=request,
    )


def _password_save(
    *,
    action: str,
    acting_user: User | None,
    user: User,
    password: str,
    request: HttpRequest | None,
) -> User:
    validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_record(action=action, actor=acting_user, request=request, obj=user)
    return user


def supervision_add(
    *,
    acting_user: User | None,
    supervisor: User,
    supervisee: User,
    request: HttpRequest | None = None,
) -> Supervision:
    if supervisor.role != Role.SUPERVISOR:
        raise ValidationError(f"{supervisor} does not have the supervisor role.")
    if supervisee.role not in (Role.CLINICIAN, Role.SUPERVISOR):
        raise ValidationError(f"{supervisee} is not a clinician or supervisor.")
    if supervisor.pk == supervisee.pk:
        raise ValidationError("Nobody can supervise themselves.")
    if Supervision.objects.filter(supervisor=supervisor, supervisee=supervisee).exists():
        raise ValidationError(f"{supervisor} already supervises {supervisee}.")
    with transaction.atomic():
        link = Supervision.objects.create(supervisor=supervisor, supervisee=supervisee)
        audit_record(
            action="supervision.add",
            actor=acting_user,
            request=request,
            obj=link,
            detail={"supervisor": supervisor.username, "supervisee": supervisee.username},
        )
    return link


def supervision_remove(
    *, acting_user: User, link: Supervision, request: HttpRequest | None = None
) -> None:
    with transaction.atomic():
        audit_record(
            action="supervision.remove",
            actor=acting_user,
            request=request,
            obj=link,
            detail={
                "supervisor": link.supervisor.username,
                "supervisee": link.supervisee.username,
            },
        )
        link.delete()


def two_factor_reset(*, acting_user: User, user: User, request: HttpRequest | None = None) -> None:
    """Remove a user's second factors (lost phone); they enrol again at next sign-in."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit_record(action="staff.two_factor_reset", actor=acting_user, request=request, obj=user)


def api_token_create(
    *, acting_user: User | None, user: User, label: str = "", request: HttpRequest | None = None
) -> tuple[ApiToken, str]:
    """Make a token for `user`; the secret is returned once and only its digest kept."""
    if not user.is_active:
        raise ValidationError(f"{user.username} is deactivated.")
    secret = ApiToken.new_secret()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, label=label[:100], prefix=secret[:12], digest=ApiToken.digest_of(secret)
        )
        audit_record(
            action="api_token.create",
            actor=acting_user,
            request=request,
            obj=token,
            detail={"for": user.username, "prefix": token.prefix},
        )
    return token, secret


def api_token_revoke(
    *, acting_user: User | None, token: ApiToken, request: HttpRequest | None = None
) -> ApiToken:
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            action="api_token.revoke",
            actor=acting_user,
            request=request,
            obj=token,
            detail={"prefix": token.prefix},
        )
    return token


def api_token_user(secret: str) -> User | None:
    """The active user a presented token belongs to, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.digest_of(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=clock.now())
    return token.user


# --- two-step verification --------------------------------------------------------------

RECOVERY_CODES = 10


def two_factor_device_start(
    *, acting_user: User, request: HttpRequest | None = None
) -> TOTPDevice:
    """Start enrolling an authenticator app: a new unconfirmed device, kept until it is
    confirmed with a code (`two_factor_enrol`). Callers read the pending device first
    (`two_factor.pending_totp_device`) and start one only when there is none."""
    with transaction.atomic():
        device = TOTPDevice.objects.create(
            user=acting_user, name="Authenticator app", confirmed=False
        )
        audit_record(action="two_factor.start", actor=acting_user, request=request)
    return device


def two_factor_enrol(
    *, acting_user: User, device: TOTPDevice, token: str, request: HttpRequest | None = None
) -> list[str] | None:
    """Confirm the device with a code from the app; on success return the new recovery
    codes (shown once, stored by django-otp and consumed on use)."""
    if not device.verify_token(token):
        return None
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=acting_user).exclude(pk=device.pk).delete()
        StaticDevice.objects.filter(user=acting_user).delete()
        static = StaticDevice.objects.create(user=acting_user, name="Recovery codes")
        StaticToken.objects.bulk_create(StaticToken(device=static, token=c) for c in codes)
        audit_record(action="two_factor.enrol", actor=acting_user, request=request)
    return codes
