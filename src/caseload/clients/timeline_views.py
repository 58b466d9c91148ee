"""The client's timeline page (clients:timeline): the door, one period, its events."""

from datetime import date, timedelta

from django.contrib.auth.decorators import login_required

from caseload.clients.access import Part, access_client
from caseload.clients.composition import timeline_engagement
from caseload.clients.pages import render_client_page
from caseload.clients.timeline import Period, timeline, timeline_sources_for
from caseload.core import clock


def _period(raw: str | None) -> Period:
    """The period ending on the day given as ?until=YYYY-MM-DD; by default the one that
    ends a month from today, so the next sessions show too."""
    try:
        end = date.fromisoformat(raw) if raw else None
    except ValueError:
        end = None
    return Period.ending(end or clock.today() + timedelta(days=31))


@login_required
def client_timeline(request, client_id):
    client = access_client(
        request.user, client_id, part=Part.CLINICAL, purpose="client timeline", request=request
    )
    sources = timeline_sources_for(request.user)
    chosen = {key for key in request.GET.getlist("show") if key in {s.key for s in sources}}
    period = _period(request.GET.get("until"))
    return render_client_page(
        request,
        client,
        "clients/timeline.html",
        {
            "events": timeline(request.user, client, period, keys=chosen),
            "sources": sources,
            "chosen": chosen,
            "period": period,
            "engagement": timeline_engagement(client),
        },
    )
