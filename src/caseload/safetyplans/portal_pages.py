"""What the client sees through their safety-plan link. The portal has already checked
the link (open, not withdrawn) and the date of birth."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from caseload.safetyplans import services


@require_http_methods(["GET"])
def safety_plan(request, link):
    """Always the current version, so a change made in session reaches the client's
    phone without a new link."""
    version = services.current_safety_plan(link.client)
    if version is None:
        return render(
            request,
            "portal/done.html",
            {
                "heading": _("Your safety plan"),
                "paragraphs": [_("Your care team has not saved your safety plan yet.")],
            },
        )
    return render(
        request,
        "safetyplans/portal.html",
        {"version": version, "steps": services.plan_with_changes(link.client, version)},
    )
