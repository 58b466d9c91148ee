"""The safety plan on the client's record: the current version, its history, editing
(every save is a new version), the print layout and the client's link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from caseload.clients.access import Part, access_client
from caseload.clients.pages import render_client_page
from caseload.core.crisis_lines import crisis_lines
from caseload.core.forms import run_service
from caseload.safety import plan_services
from caseload.safety.plan_forms import SafetyPlanForm

ISSUED_KEY = "safety_issued_link"


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


def issued_link(request, kind: str) -> str | None:
    """The link made just now, shown once: it is popped from the session here."""
    issued = request.session.get(ISSUED_KEY)
    if issued and issued.get("kind") == kind:
        del request.session[ISSUED_KEY]
        return request.build_absolute_uri(issued["path"])
    return None


@login_required
def plan(request, client_id):
    client = _client(request, client_id, "safety plan")
    version = plan_services.current_plan(client)
    return render_client_page(
        request,
        client,
        "safety/plans/plan.html",
        {
            "version": version,
            "rows": plan_services.plan_with_changes(client, version) if version else [],
            "versions": client.safety_plan_versions.select_related("created_by")[:50],
            "crisis_lines": crisis_lines(),
            "client_links": plan_services.open_links(client, plan_services.SAFETY_PLAN_LINK),
            "new_link": issued_link(request, plan_services.SAFETY_PLAN_LINK),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, client_id):
    write = request.method == "POST"
    client = _client(request, client_id, "edit safety plan", write=write)
    current = plan_services.current_plan(client)
    initial = SafetyPlanForm.initial_from(current.steps, current.number) if current else {}
    form = SafetyPlanForm(request.POST if write else None, initial=initial or {"based_on": 0})
    if write and form.is_valid():
        saved = run_service(
            form,
            plan_services.safety_plan_revise,
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
        "safety/plans/edit.html",
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
        "safety/plans/version.html",
        {
            "version": shown,
            "rows": plan_services.plan_with_changes(client, shown),
            "versions": client.safety_plan_versions.select_related("created_by")[:50],
            "latest": plan_services.current_plan(client),
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
        else plan_services.current_plan(client)
    )
    if shown is None:
        raise Http404("No safety plan yet.")
    return render(
        request,
        "safety/plans/print.html",
        {
            "client": client,
            "version": shown,
            "steps": plan_services.plan_with_changes(client, shown),
            "crisis_lines": crisis_lines(),
            "card": request.GET.get("size") == "card",
        },
    )


@login_required
@require_POST
def link_create(request, client_id):
    client = _client(request, client_id, "safety plan link", write=True)
    return issue(request, client, plan_services.SAFETY_PLAN_LINK, "safetyplans:plan")


@login_required
@require_POST
def link_revoke(request, client_id, portal_link_id):
    client = _client(request, client_id, "withdraw client link", write=True)
    link = client.portal_links.filter(kind__in=plan_services.LINK_KINDS, pk=portal_link_id)
    if not link.exists():
        raise Http404("No such link.")
    plan_services.client_link_withdraw(
        acting_user=request.user, client=client, link_id=portal_link_id, request=request
    )
    messages.success(request, _("Link withdrawn: it no longer opens anything."))
    target = "safetyplans:plan" if link.get().kind == "safety_plan" else "safetyplans:checkins"
    return redirect(target, client_id=client.pk)


def issue(request, client, kind: str, back: str):
    """Make the link, keep its path in the session for one showing, and go back."""
    try:
        issued = plan_services.client_link_issue(
            acting_user=request.user, client=client, kind=kind, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back, client_id=client.pk)
    request.session[ISSUED_KEY] = {"kind": kind, "path": issued.path}
    return redirect(back, client_id=client.pk)
