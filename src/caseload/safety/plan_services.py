"""Safety plans and between-session check-ins: saving versions, recording check-ins
(screened for risk language, raising an alert on a match), and the client's links.

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
from caseload.core.phone import tel_href
from caseload.portal.models import PortalLink
from caseload.portal.services import (
    IssuedLink,
    portal_link_create,
    portal_link_revoke,
    portal_link_use,
)
from caseload.safety import plan_content, screening
from caseload.safety.models import AlertSource, Checkin, CheckinChannel, SafetyPlanVersion
from caseload.safety.screening_alerts import client_text_screen

SAFETY_PLAN_LINK = "safety_plan"
CHECKIN_LINK = "checkin"
LINK_KINDS = (SAFETY_PLAN_LINK, CHECKIN_LINK)
MAX_CHECKIN_TEXT = 4000
MAX_NOTE = 2000


# --- safety plan ---------------------------------------------------------------------


def current_plan(client: Client) -> SafetyPlanVersion | None:
    return client.safety_plan_versions.select_related("created_by").first()


def safety_plan_revise(
    *,
    acting_user: User,
    client: Client,
    steps: dict,
    note: str = "",
    based_on: int | None = None,
    request=None,
) -> SafetyPlanVersion:
    """Save `steps` as the client's next safety plan version; earlier versions stay.

    `based_on` is the version the editor started from: if someone saved another version
    meanwhile, nothing is saved and the editor is asked to look at it first (two people
    editing at once must not silently undo each other). Saving the plan unchanged, with
    no note, adds no version and returns the current one."""
    try:
        clean = plan_content.validate(steps)
    except plan_content.PlanError as error:
        raise ValidationError(str(error)) from None
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise ValidationError(f"Keep the note under {MAX_NOTE} characters.")
    with transaction.atomic():
        # Lock the client row so two saves cannot take the same version number.
        Client.objects.select_for_update().filter(pk=client.pk).first()
        current = current_plan(client)
        current_number = current.number if current else None
        if based_on is not None and based_on != (current_number or 0):
            raise ValidationError(
                f"Version {current_number} was saved while you were editing. "
                "Open it, then make your changes again."
            )
        if current is not None and current.steps == clean and not note:
            return current
        version = SafetyPlanVersion.objects.create(
            client=client,
            number=(current_number or 0) + 1,
            content=plan_content.dump(clean),
            note=note,
            created_by=acting_user,
            created_at=clock.now(),
        )
        audit_record(
            action="safety_plan.revise",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=version,
            detail={
                "version": version.number,
                "steps_changed": plan_content.changed_steps(
                    current.steps if current else None, clean
                ),
            },
        )
    return version


def plan_with_changes(client: Client, version: SafetyPlanVersion) -> list[dict]:
    """The version's steps for display, each with what changed since the version before."""
    previous = client.safety_plan_versions.filter(number__lt=version.number).first()
    steps = version.steps
    diff = plan_content.changes(previous.steps if previous else None, steps)
    rows = []
    for step in plan_content.STEPS:
        added = {plan_content.entry_key(entry) for entry in diff[step.key]["added"]}
        rows.append(
            {
                "step": step,
                "entries": [
                    {
                        "value": entry,
                        "new": previous is not None and plan_content.entry_key(entry) in added,
                        "href": tel_href(entry["phone"])
                        if step.kind == plan_content.CONTACT and entry["phone"]
                        else "",
                    }
                    for entry in steps[step.key]
                ],
                "removed": diff[step.key]["removed"] if previous else [],
                "changed": diff[step.key]["changed"] and previous is not None,
            }
        )
    return rows


# --- check-ins -----------------------------------------------------------------------


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


# --- the client's links --------------------------------------------------------------


def open_links(client: Client, kind: str):
    return [link for link in client.portal_links.filter(kind=kind) if link.is_usable]


def client_link_issue(*, acting_user: User, client: Client, kind: str, request=None) -> IssuedLink:
    """A reusable link for the client (their safety plan, or their check-ins) that works
    until it is withdrawn. Issuing a new one withdraws the old: one open link per kind,
    so a link that went to an old phone number stops working."""
    if kind not in LINK_KINDS:
        raise ValidationError(f"Unknown link kind {kind!r}.")
    if kind == SAFETY_PLAN_LINK and current_plan(client) is None:
        raise ValidationError("Save a safety plan before making a link to it.")
    with transaction.atomic():
        for link in open_links(client, kind):
            portal_link_revoke(acting_user=acting_user, link=link, request=request)
        return portal_link_create(
            acting_user=acting_user,
            client=client,
            kind=kind,
            expires_in=None,
            single_use=False,
            request=request,
        )


def client_link_withdraw(
    *, acting_user: User, client: Client, link_id: int, request=None
) -> PortalLink:
    """Withdraw one of the client's safety-plan or check-in links; it shows nothing
    from then on."""
    link = client.portal_links.filter(kind__in=LINK_KINDS, pk=link_id).first()
    if link is None:
        raise ValidationError("No such link.")
    return portal_link_revoke(acting_user=acting_user, link=link, request=request)
