"""Safety plans: saving versions and showing a version with what changed (the client's
link to their plan is made by safety.client_links).

Callers reach the client through the door (clients.access) first; these functions
trust the client they are given and write the audit events."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from caseload.accounts.models import User
from caseload.audit.services import audit_record
from caseload.clients.models import Client
from caseload.core import clock
from caseload.core.phone import tel_href
from caseload.safetyplans import content as plan_content
from caseload.safetyplans.models import SafetyPlanVersion

MAX_NOTE = 2000


def current_safety_plan(client: Client) -> SafetyPlanVersion | None:
    """The client's current safety plan: its latest version, or None."""
    return client.safety_plan_versions.select_related("created_by").first()


def safety_plan_revise(
    *,
    acting_user: User,
    client: Client,
    steps: object,
    note: str = "",
    based_on: int | None = None,
    request: HttpRequest | None = None,
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
        current = current_safety_plan(client)
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


def plan_with_changes(client: Client, version: SafetyPlanVersion) -> list[dict[str, Any]]:
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
