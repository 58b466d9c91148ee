"""What the client sees through their links: their safety plan, and the check-in form.
The portal has already checked the link (open, not withdrawn) and the date of birth."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from caseload.core.forms import run_service
from caseload.safety import plan_services
from caseload.safety.models import CheckinChannel
from caseload.safety.plan_forms import ClientCheckinForm


@require_http_methods(["GET"])
def safety_plan(request, link):
    """Always the current version, so a change made in session reaches the client's
    phone without a new link."""
    version = plan_services.current_plan(link.client)
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
        "safety/plans/portal.html",
        {"version": version, "steps": plan_services.plan_with_changes(link.client, version)},
    )


@require_http_methods(["GET", "POST"])
def checkin(request, link):
    form = ClientCheckinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            plan_services.checkin_record,
            client=link.client,
            channel=CheckinChannel.LINK,
            mood=data["mood"],
            sleep=data["sleep"],
            stress=data["stress"],
            text=data["text"],
            link=link,
            request=request,
        )
        if saved is not None:
            # The same answer whether or not the words were flagged: the page promises
            # nobody is watching now, so it points to the crisis lines either way.
            return render(
                request,
                "portal/done.html",
                {
                    "heading": _("Thank you, your check-in was sent"),
                    "paragraphs": [
                        _("Your care team reads check-ins during working hours."),
                        _(
                            "If you feel unsafe before then, call one of the numbers below "
                            "now, or use your safety plan."
                        ),
                    ],
                },
            )
    return render(
        request,
        "safety/checkins/portal.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
