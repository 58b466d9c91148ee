"""Between-session check-ins on the client's record: the list with trends, one
check-in with its matched words highlighted, recording one that came another way, and
the client's check-in link."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from caseload.clients.access import Part, access_client
from caseload.clients.pages import render_client_page
from caseload.core import clock
from caseload.core.forms import run_service
from caseload.safety import checkins as checkin_services
from caseload.safety.checkin_forms import StaffCheckinForm
from caseload.safety.checkin_trends import trends
from caseload.safety.client_links import CHECKIN_LINK, client_link_issue, open_links
from caseload.safety.link_views import issue, issued_link

LIST_SIZE = 60  # about two months of daily check-ins; older ones stay in the record


def _client(request, client_id, purpose, *, write=False):
    return access_client(
        request.user,
        client_id,
        part=Part.CLINICAL,
        write=write,
        purpose=purpose,
        request=request,
    )


@login_required
def checkins(request, client_id):
    client = _client(request, client_id, "check-ins")
    recent = list(client.checkins.select_related("recorded_by")[:LIST_SIZE])
    return render_client_page(
        request,
        client,
        "safety/checkins/list.html",
        {
            "checkins": recent,
            "trends": trends(recent, now=clock.now()),
            "client_links": open_links(client, CHECKIN_LINK),
            "new_link": issued_link(request, CHECKIN_LINK),
        },
    )


@login_required
def checkin(request, client_id, checkin_id):
    client = _client(request, client_id, "check-in")
    found = client.checkins.select_related("recorded_by").filter(pk=checkin_id).first()
    if found is None:
        raise Http404("No such check-in.")
    return render_client_page(
        request,
        client,
        "safety/checkins/detail.html",
        {
            "checkin": found,
            "parts": checkin_services.highlighted(found),
            "alerts": client.alerts.filter(source_type="safety.checkin", source_id=str(found.pk)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def record(request, client_id):
    write = request.method == "POST"
    client = _client(request, client_id, "record check-in", write=write)
    form = StaffCheckinForm(request.POST if write else None)
    if write and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            checkin_services.checkin_record,
            client=client,
            channel=data["channel"],
            mood=data["mood"],
            sleep=data["sleep"],
            stress=data["stress"],
            text=data["text"],
            acting_user=request.user,
            request=request,
        )
        if saved is not None:
            if saved.flagged:
                messages.warning(request, _("Saved. Risk language was found: an alert is open."))
            else:
                messages.success(request, _("Check-in saved."))
            return redirect("safety:checkin", client_id=client.pk, checkin_id=saved.pk)
    return render_client_page(
        request,
        client,
        "safety/checkins/record.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def link_create(request, client_id):
    client = _client(request, client_id, "check-in link", write=True)
    return issue(
        request,
        client,
        CHECKIN_LINK,
        "safety:checkins",
        partial(client_link_issue, kind=CHECKIN_LINK),
    )
