"""The client's side: a link, a date-of-birth check, then the one page it opens.
Nothing about the client is shown before the check; a link that no longer works says
only that."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from caseload.portal.forms import BirthDateForm
from caseload.portal.handlers import handler_for
from caseload.portal.selectors import portal_link_find
from caseload.portal.services import (
    portal_link_check,
    portal_session_verified,
)


@never_cache
@require_http_methods(["GET", "POST"])
def open_link(request, token):
    link = portal_link_find(token)
    if link is None or not link.is_usable:
        return render(request, "portal/closed.html", status=410 if link else 404)
    if portal_session_verified(link=link, request=request):
        return redirect("portal:go", token=token)
    form = BirthDateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if portal_link_check(
            link=link, date_of_birth=form.cleaned_data["date_of_birth"], request=request
        ):
            return redirect("portal:go", token=token)
        link.refresh_from_db()
        if not link.is_usable:
            return render(request, "portal/closed.html", status=410)
        form.add_error(
            "date_of_birth", _("That date does not match. Please check it and try again.")
        )
    return render(request, "portal/check.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def go(request, token):
    link = portal_link_find(token)
    if link is None or not link.is_usable:
        return render(request, "portal/closed.html", status=410 if link else 404)
    if not portal_session_verified(link=link, request=request):
        return redirect("portal:open", token=token)
    handler = handler_for(link.kind)
    if handler is None:
        raise Http404("No page for this kind of link.")
    return handler(request, link)
