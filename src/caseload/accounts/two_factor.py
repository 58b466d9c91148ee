"""Reading TOTP enrolment state and drawing its QR code, on django-otp's devices. The
writes (starting an enrolment, confirming it with its recovery codes) are in
`accounts.services`."""

import base64

import qrcode
import qrcode.image.svg
from django_otp.plugins.otp_totp.models import TOTPDevice


def pending_totp_device(user) -> TOTPDevice | None:
    """The unconfirmed device being enrolled, if an enrolment has started."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


def qr_data_uri(device: TOTPDevice) -> str:
    """The enrolment QR code as an image data URI (shown with <img>, never inlined)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()
