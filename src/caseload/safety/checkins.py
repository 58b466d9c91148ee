"""Between-session check-ins: recording one (its text screened for risk language, an
alert raised on a match, in the same transaction) and its text cut for highlighting.

Callers reach the client through the door (clients.access) first; these functions
trust the client they are given and write the audit events."""

import json
from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.db import transaction

from caseload.accounts.models import User
from caseload.audit.services import audit_record
from caseload.clients.models import Client
from caseload.core import clock
from caseload.portal.models import PortalLink
from caseload.portal.services import portal_link_use
from caseload.safety import screening
from caseload.safety.models import AlertSource, Checkin, CheckinChannel
from caseload.safety.screening_alerts import client_text_screen

MAX_CHECKIN_TEXT = 4000


def _scale(name: str, value) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValidationError(f"{name.capitalize()} is a whole number from 0 to 10.")
    return value


def checkin_record(
    *,
    client: Client,
    channel: str,
    mood: int | None = None,
    sleep: int | None = None,
    stress: int | None = None,
    text: str = "",
    acting_user: User | None = None,
    link: PortalLink | None = None,
    received_at=None,
    request=None,
) -> Checkin:
    """Save a check-in and screen its text. A match raises an alert for the care team
    in the same transaction: the check-in and its alert are saved together or not at
    all. `acting_user` is the staff member recording one that came another way; a
    check-in through the client's link has `link` and no acting user."""
    if channel not in CheckinChannel.values:
        raise ValidationError(f"Unknown channel {channel!r}.")
    if (channel == CheckinChannel.LINK) != (link is not None):
        raise ValidationError("Only the client's own link sends a check-in by link.")
    scales = {name: _scale(name, value) for name, value in [
        ("mood", mood), ("sleep", sleep), ("stress", stress)
    ]}  # fmt: skip
    text = (text or "").strip()
    if len(text) > MAX_CHECKIN_TEXT:
        raise ValidationError(f"Keep the message under {MAX_CHECKIN_TEXT} characters.")
    if not text and all(value is None for value in scales.values()):
        raise ValidationError("A check-in needs a message or at least one scale.")
    result = screening.screen(text)
    with transaction.atomic():
        checkin = Checkin.objects.create(
            client=client,
            channel=channel,
            text=text,
            received_at=received_at or clock.now(),
            recorded_by=acting_user,
            flagged=result.flagged,
            severity=result.severity or "",
            matches=json.dumps([asdict(match) for match in result.matches]),
            rules_version=result.rules_version,
            **scales,
        )
        if link is not None:
            portal_link_use(link=link, request=request)
        audit_record(
            action="checkin.record",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=checkin,
            detail={"channel": channel, "flagged": result.flagged},
        )
        # The same step as every other channel the client writes in; the check-in row
        # keeps its own matches, so nothing else is stored.
        client_text_screen(
            client=client,
            text=text,
            source_obj=checkin,
            field="text",
            what=f"Check-in ({checkin.get_channel_display().lower()})",
            source=AlertSource.CHECKIN,
            acting_user=acting_user,
            request=request,
            keep=False,
            result=result,
        )
    return checkin


def highlighted(checkin: Checkin) -> list[screening.Part]:
    """The check-in's text cut into plain and matched parts for the template."""
    matches = [screening.Match(**match) for match in checkin.match_list()]
    return screening.highlight_parts(checkin.text, matches)
