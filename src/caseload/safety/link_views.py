"""The client's reusable links on staff pages (safety plan and check-ins): making one,
showing it once, and withdrawing it."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caseload.clients.access import Part, access_client
from caseload.portal.services import IssuedLink
from caseload.safety import client_links
from caseload.safety.plan_provider import safety_plan_provider

ISSUED_KEY = "safety_issued_link"


def issued_link(request, kind: str) -> str | None:
    """The link made just now, shown once: it is popped from the session here."""
    issued = request.session.get(ISSUED_KEY)
    if issued and issued.get("kind") == kind:
        del request.session[ISSUED_KEY]
        return request.build_absolute_uri(issued["path"])
    return None


def issue(request, client, kind: str, back: str, make: Callable[..., IssuedLink]):
    """Make the link with `make` (a service taking acting_user, client and request),
    keep its path in the session for one showing, and go back."""
    try:
        issued = make(acting_user=request.user, client=client, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back, client_id=client.pk)
    request.session[ISSUED_KEY] = {"kind": kind, "path": issued.path}
    return redirect(back, client_id=client.pk)


@login_required
@require_POST
def link_revoke(request, client_id, portal_link_id):
    client = access_client(
        request.user,
        client_id,
        part=Part.CLINICAL,
        write=True,
        purpose="withdraw client link",
        request=request,
    )
    link = client.portal_links.filter(kind__in=client_links.LINK_KINDS, pk=portal_link_id)
    if not link.exists():
        raise Http404("No such link.")
    client_links.client_link_withdraw(
        acting_user=request.user, client=client, link_id=portal_link_id, request=request
    )
    messages.success(request, _("Link withdrawn: it no longer opens anything."))
    plans = safety_plan_provider()
    if link.get().kind == client_links.SAFETY_PLAN_LINK and plans is not None:
        return redirect(plans.url(client.pk, True))
    return redirect("safety:checkins", client_id=client.pk)
