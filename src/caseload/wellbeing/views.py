"""Pages of the professional's side. Client data is reached through the door; a
self-check only through `own_self_checks(request.user)`, so anyone else's answers 404."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from caseload.accounts.decorators import role_required
from caseload.accounts.models import Role
from caseload.clients import access
from caseload.clients.access import Part, access_client, clients_visible_to
from caseload.clients.pages import render_client_page
from caseload.core.contact_policy import contact_policy_for
from caseload.core.forms import run_service
from caseload.wellbeing import assignment, selfcheck, services, workload
from caseload.wellbeing.forms import (
    ActionItemForm,
    BoundaryForm,
    ContactForm,
    SelfCheckForm,
    WorkloadSettingsForm,
)
from caseload.wellbeing.models import Instrument, WorkloadSettings
from caseload.wellbeing.policy import policy_days
from caseload.wellbeing.supervision import (
    action_items_for,
    own_boundary_events,
    sessions_for,
    supervisee_of,
    supervisees_with_waiting,
    supervision_form_for,
    supervision_record_from,
)

professional = role_required(Role.CLINICIAN, Role.SUPERVISOR)
supervisor_only = role_required(Role.SUPERVISOR)


def _status(form) -> int:
    return 400 if form.errors else 200


# --- the private self-check -----------------------------------------------------------


@professional
def home(request):
    checks = [selfcheck.result_of(check) for check in selfcheck.own_self_checks(request.user)]
    return render(
        request,
        "wellbeing/home.html",
        {"results": checks, "latest": checks[0] if checks else None},
    )


@professional
@require_http_methods(["GET", "POST"])
def self_check_new(request):
    code = request.GET.get("instrument", Instrument.PROQOL5)
    if code not in Instrument.values:
        raise Http404
    form = SelfCheckForm(request.POST or None, instrument=code)
    if request.method == "POST" and form.is_valid():
        check = run_service(
            form,
            selfcheck.self_check_take,
            acting_user=request.user,
            instrument=code,
            answers=form.answers(),
            request=request,
        )
        if check is not None:
            messages.success(request, _("Self-check saved. Only you can see it."))
            return redirect("wellbeing:self_check", check_id=check.pk)
    context = {"form": form, "instrument": form.instrument, "code": code}
    return render(request, "wellbeing/self_check_new.html", context, status=_status(form))


@professional
def self_check(request, check_id):
    # Someone else's check answers exactly like one that does not exist.
    check = get_object_or_404(selfcheck.own_self_checks(request.user), pk=check_id)
    result = selfcheck.result_of(check)
    return render(
        request,
        "wellbeing/self_check.html",
        {"result": result, "feedback": selfcheck.feedback(result)},
    )


@role_required(Role.SUPERVISOR, Role.ADMIN)
def team(request):
    return render(
        request,
        "wellbeing/team.html",
        {"teams": selfcheck.team_aggregates(request.user), "min_group": selfcheck.MIN_GROUP},
    )


# --- workload -------------------------------------------------------------------------


@professional
def workload_page(request):
    user = request.user
    return render(
        request,
        "wellbeing/workload.html",
        {
            "person": user,
            "own": True,
            "workload": workload.workload_for(user),
            "patterns": workload.patterns_for(user),
            "debriefs": workload.debriefs_for(user),
        },
    )


@supervisor_only
def supervisee_workload(request, user_id):
    person = supervisee_of(request.user, user_id)
    return render(
        request,
        "wellbeing/workload.html",
        {"person": person, "own": False, "workload": workload.workload_for(person)},
    )


@role_required(Role.INTAKE, Role.ADMIN)
def assignment_page(request):
    return render(
        request,
        "wellbeing/assignment.html",
        {"rows": assignment.assignment_rows(), "settings": WorkloadSettings.current()},
    )


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def settings_page(request):
    form = WorkloadSettingsForm(request.POST or None, instance=WorkloadSettings.current())
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            services.workload_settings_save,
            acting_user=request.user,
            changes=form.cleaned_data,
            request=request,
        )
    ):
        messages.success(request, _("Thresholds saved."))
        return redirect("wellbeing:settings")
    return render(request, "wellbeing/settings.html", {"form": form}, status=_status(form))


# --- boundaries and contacts ----------------------------------------------------------


@professional
@require_http_methods(["GET", "POST"])
def contacts(request, client_id):
    write = request.method == "POST"
    client = access_client(
        request.user,
        client_id,
        part=Part.CLINICAL,
        write=write,
        purpose="contacts between sessions",
        request=request,
    )
    form = ContactForm(request.POST or None)
    policy = contact_policy_for(client)
    if (
        write
        and form.is_valid()
        and run_service(
            form,
            services.contact_log,
            acting_user=request.user,
            client=client,
            request=request,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("Contact logged."))
        return redirect("wellbeing:contacts", client_id=client.pk)
    return render_client_page(
        request,
        client,
        "wellbeing/contacts.html",
        {
            "form": form,
            "contacts": client.contacts.select_related("professional")[:100],
            "policy": policy,
            "policy_days": policy_days(policy),
        },
        status=_status(form),
    )


@professional
@require_http_methods(["GET", "POST"])
def boundaries(request):
    # Entries are about one's own clients: those whose care team one is on.
    own_clients = clients_visible_to(request.user) & access.own_clients(request.user)
    form = BoundaryForm(request.POST or None, clients=own_clients.order_by("legal_name"))
    if request.method == "POST" and form.is_valid():
        client = access_client(
            request.user,
            form.cleaned_data["client"].pk,
            part=Part.CLINICAL,
            write=True,
            purpose="boundary log",
            request=request,
        )
        fields = {k: v for k, v in form.cleaned_data.items() if k != "client"}
        if run_service(
            form,
            services.boundary_record,
            acting_user=request.user,
            client=client,
            request=request,
            **fields,
        ):
            messages.success(request, _("Added to your boundary log."))
            return redirect("wellbeing:boundaries")
    events = own_boundary_events(request.user).select_related("client", "discussed_in")
    return render(
        request,
        "wellbeing/boundaries.html",
        {"form": form, "events": events, "patterns": workload.patterns_for(request.user)},
        status=_status(form),
    )


@professional
@require_POST
def boundary_flag(request, event_id):
    event = get_object_or_404(own_boundary_events(request.user), pk=event_id)
    access_client(
        request.user,
        event.client_id,
        part=Part.CLINICAL,
        write=True,
        purpose="boundary log",
        request=request,
    )
    form = forms.Form()  # carries the service's refusal, if any, to a message
    discuss = request.POST.get("discuss") == "1"
    run_service(
        form,
        services.boundary_flag,
        acting_user=request.user,
        event=event,
        discuss=discuss,
        request=request,
    )
    for error in form.non_field_errors():
        messages.error(request, error)
    return redirect("wellbeing:boundaries")


# --- supervision ----------------------------------------------------------------------


@professional
def supervision(request):
    user = request.user
    return render(
        request,
        "wellbeing/supervision.html",
        {
            "sessions": sessions_for(user).select_related("supervisor", "supervisee"),
            "supervisees": supervisees_with_waiting(user),
            "supervisors": user.supervisors.filter(is_active=True),
            "actions": action_items_for(user).filter(done_at__isnull=True),
            "waiting": workload.waiting_for_supervision(user).select_related("client"),
        },
    )


@supervisor_only
@require_http_methods(["GET", "POST"])
def supervision_new(request, user_id):
    supervisee = supervisee_of(request.user, user_id)
    form = supervision_form_for(request.user, supervisee, request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = supervision_record_from(form, request, supervisee)
        if session is not None:
            messages.success(request, _("Supervision session recorded."))
            return redirect("wellbeing:supervision_session", session_id=session.pk)
    return render(
        request,
        "wellbeing/supervision_new.html",
        {"form": form, "supervisee": supervisee},
        status=_status(form),
    )


@professional
@require_http_methods(["GET", "POST"])
def supervision_session(request, session_id):
    session = get_object_or_404(sessions_for(request.user), pk=session_id)
    form = ActionItemForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            services.action_item_add,
            acting_user=request.user,
            session=session,
            request=request,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("Action added."))
        return redirect("wellbeing:supervision_session", session_id=session.pk)
    context = {
        "session": session,
        "form": form,
        "cases": session.cases.all(),
        "items": session.boundary_items.select_related("client"),
        "actions": session.action_items.all(),
    }
    return render(request, "wellbeing/supervision_session.html", context, status=_status(form))


@professional
@require_POST
def action_done(request, action_id):
    item = get_object_or_404(action_items_for(request.user), pk=action_id)
    services.action_item_done(acting_user=request.user, item=item, request=request)
    messages.success(request, _("Action marked done."))
    return redirect("wellbeing:supervision_session", session_id=item.session_id)
