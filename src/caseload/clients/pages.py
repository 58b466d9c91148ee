"""What every page of a client shows: the banner and the tabs the user may open."""

from django.shortcuts import render

from caseload.clients.access import Part, can_manage_care_team, can_see_part
from caseload.clients.models import CommunicationProfile


def render_client_page(
    request, client, template: str, context: dict | None = None, status: int = 200
):
    user = request.user
    communication = None
    if can_see_part(user, Part.COMMUNICATION):
        # Through the client that came out of the door, never by id on its own.
        try:
            communication = client.communication
        except CommunicationProfile.DoesNotExist:
            communication = None
    page = {
        "client": client,
        "client_page": True,  # the sidebar marks the caseload as where this page is
        "communication": communication,
        "can_demographics": can_see_part(user, Part.DEMOGRAPHICS),
        "can_communication": can_see_part(user, Part.COMMUNICATION),
        "can_clinical": can_see_part(user, Part.CLINICAL),
        "can_manage_care_team": can_manage_care_team(user),
        **(context or {}),
    }
    return render(request, template, page, status=status)
