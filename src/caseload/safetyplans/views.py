"""The safety plan on the client's record: the current version, its history, editing
(every save is a new version), the print layout and the client's link."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from caseload.clients.access import Part, access_client
from caseload.clients.pages import render_client_page
from caseload.core.crisis_lines import crisis_lines
from caseload.core.forms import run_service
from caseload.safety.client_links import SAFETY_PLAN_LINK, client_link_issue, open_links
from caseload.safety.link_views import issue, issued_link
from caseload.safetyplans import services
from caseload.safetyplans.forms import SafetyPlanForm


def _client(request, client_id, purpose, *, write=False):
    return access_client(
        request.user,
        client_id,
        part=Part.CLINICAL,
        write=write,
        purpose=purpose,
        request=request,
    )


def _version(client, number):
    version = client.safety_plan_versions.select_related("created_by").filter(number=number)
    if not version.exists():
        raise Http404("No such version.")
    return version.get()


@login_required
def plan(request, client_id):
    client = _client(request, client_id, "safety plan")
    version = services.current_safety_plan(client)
    return render_client_page(
        request,
        client,
        "safetyplans/plan.html",
        {
            "version": version,
            "rows": services.plan_with_changes(client, version) if version else [],
            "versions": client.safety_plan_versions.select_related("created_by")[:50],
            "crisis_lines": crisis_lines(),
            "client_links": open_links(client, SAFETY_PLAN_LINK),
            "new_link": issued_link(request, SAFETY_PLAN_LINK),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, client_id):
    write = request.method == "POST"
    client = _client(request, client_id, "edit safety plan", write=write)
    current = services.current_safety_plan(client)
    initial = SafetyPlanForm.initial_from(current.steps, current.number) if current else {}
    form = SafetyPlanForm(request.POST if write else None, initial=initial or {"based_on": 0})
    if write and form.is_valid():
        saved = run_service(
            form,
            services.safety_plan_revise,
            acting_user=request.user,
            client=client,
            steps=form.steps(),
            note=form.cleaned_data["note"],
            based_on=form.cleaned_data["based_on"],
            request=request,
        )
        if saved is not None:
            if current is not None and saved.pk == current.pk:
                messages.info(request, _("Nothing changed, so no new version was saved."))
            else:
                messages.success(request, _("Saved as version %(n)s.") % {"n": saved.number})
            return redirect("safetyplans:plan", client_id=client.pk)
    return render_client_page(
        request,
        client,
        "safetyplans/edit.html",
        {"form": form, "version": current},
        status=400 if form.errors else 200,
    )


@login_required
def version(request, client_id, number):
    client = _client(request, client_id, "safety plan version")
    shown = _version(client, number)
    return render_client_page(
        request,
        client,
        "safetyplans/version.html",
        {
            "version": shown,
            "rows": services.plan_with_changes(client, shown),
            "versions": client.safety_plan_versions.select_related("created_by")[:50],
            "latest": services.current_safety_plan(client),
        },
    )


@login_required
def print_plan(request, client_id):
    """A page of its own (no app header) that prints on one A4 or letter page, or, with
    ?size=card, as a folded pocket card."""
    client = _client(request, client_id, "print safety plan")
    number = request.GET.get("version")
    shown = (
        _version(client, number)
        if number and number.isdigit()
        else services.current_safety_plan(client)
    )
    if shown is None:
        raise Http404("No safety plan yet.")
    return render(
        request,
        "safetyplans/print.html",
        {
            "client": client,
            "version": shown,
            "steps": services.plan_with_changes(client, shown),
            "crisis_lines": crisis_lines(),
            "card": request.GET.get("size") == "card",
        },
    )


@login_required
@require_POST
def link_create(request, client_id):
    client = _client(request, client_id, "safety plan link", write=True)
    return issue(
        request,
        client,
        SAFETY_PLAN_LINK,
        "safetyplans:plan",
        partial(client_link_issue, kind=SAFETY_PLAN_LINK),
    )
