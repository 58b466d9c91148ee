"""Helpers for the sign-in, session and two-factor tests."""

from django.test import Client as HttpClient
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from caseload.accounts import services, two_factor
from caseload.audit.models import AuditEvent
from factories import PASSWORD

LOGIN_URL = reverse("accounts:login")


def login_post(
    http: HttpClient, username: str, password: str = PASSWORD, *, ip: str = "203.0.113.10", **data
):
    """Sign in through the real login form (signals, axes and all), from `ip`."""
    return http.post(
        LOGIN_URL, {"username": username, "password": password, **data}, REMOTE_ADDR=ip
    )


def totp_code(device: TOTPDevice) -> str:
    """The code an authenticator app would show now for `device`."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def enrol(user) -> list[str]:
    """Give `user` a confirmed authenticator and recovery codes, as the setup page does."""
    device = two_factor.pending_totp_device(user) or services.two_factor_device_start(
        acting_user=user
    )
    codes = services.two_factor_enrol(acting_user=user, device=device, token=totp_code(device))
    assert codes is not None
    return codes


def audit_actions(**filters) -> list[str]:
    return list(AuditEvent.objects.filter(**filters).values_list("action", flat=True))
