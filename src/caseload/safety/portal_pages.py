"""What the client sees through their check-in link: the check-in form. The portal has
already checked the link (open, not withdrawn) and the date of birth."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from caseload.core.forms import run_service
from caseload.safety import checkins
from caseload.safety.checkin_forms import ClientCheckinForm
from caseload.safety.models import CheckinChannel


@require_http_methods(["GET", "POST"])
def checkin(request, link):
    form = ClientCheckinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            checkins.checkin_record,
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
