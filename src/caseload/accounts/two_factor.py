"""TOTP enrolment and single-use recovery codes, on django-otp's devices."""

import base64
import secrets

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from caseload.audit.services import audit_record

RECOVERY_CODES = 10


def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled, made once and kept until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=False
    )


def qr_data_uri(device: TOTPDevice) -> str:
    """The enrolment QR code as an image data URI (shown with <img>, never inlined)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


def two_factor_enrol(*, user, device: TOTPDevice, token: str, request=None) -> list[str] | None:
    """Confirm the device with a code from the app; on success return the new recovery
    codes (shown once, stored by django-otp and consumed on use)."""
    if not device.verify_token(token):
        return None
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        StaticDevice.objects.filter(user=user).delete()
        static = StaticDevice.objects.create(user=user, name="Recovery codes")
        StaticToken.objects.bulk_create(StaticToken(device=static, token=c) for c in codes)
        audit_record(action="two_factor.enrol", actor=user, request=request)
    return codes
