"""The safety pages: the alert inbox and alerts; a client's Safety tab and what starts
from it (risk assessments, crisis events, follow-up contacts); the clinician's task list;
the practice's safety settings.

Every client page goes through the door first; rows below the client are fetched
through the client it returned, never by id on their own."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from caseload.accounts.decorators import role_required
from caseload.accounts.models import Role
from caseload.audit.services import audit_record
from caseload.clients.access import Part, access_client
from caseload.clients.pages import render_client_page
from caseload.core.forms import is_confirmed, run_service
from caseload.core.models import PracticeSettings
from caseload.safety import forms, services
from caseload.safety.alerts import alerts_visible_to, open_alerts_most_severe_first
from caseload.safety.forms import AcknowledgeForm
from caseload.safety.services import alert_acknowledge
from caseload.safety.tasks import follow_ups_for

# Alerts are for the people who treat and supervise; other roles have no inbox.
clinical_only = role_required(Role.CLINICIAN, Role.SUPERVISOR)


@clinical_only
def inbox(request):
    alerts = alerts_visible_to(request.user).select_related("client", "acknowledged_by")
    return render(
        request,
        "safety/inbox.html",
        {
            "open_alerts": open_alerts_most_severe_first(request.user),
            "recent": alerts.exclude(state="open").order_by("-acknowledged_at")[:20],
        },
    )


@clinical_only
@require_http_methods(["GET", "POST"])
def alert(request, alert_id):
    found = get_object_or_404(alerts_visible_to(request.user), pk=alert_id)
    # Through the door as well: the evidence is clinical and its reading is audited.
    client = access_client(
        request.user,
        found.client_id,
        part=Part.CLINICAL,
        write=request.method == "POST",
        purpose="safety alert",
        request=request,
    )
    form = AcknowledgeForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            alert_acknowledge,
            acting_user=request.user,
            alert=found,
            action_taken=form.cleaned_data["action_taken"],
            note=form.cleaned_data["note"],
            request=request,
        )
    ):
        messages.success(request, _("Alert acknowledged."))
        return redirect("safety:inbox")
    return render(
        request,
        "safety/alert.html",
        {"alert": found, "client": client, "form": form},
        status=400 if form.errors else 200,
    )


def _client(request, client_id, purpose: str):
    return access_client(
        request.user,
        client_id,
        part=Part.CLINICAL,
        write=request.method == "POST",
        purpose=purpose,
        request=request,
    )


@clinical_only
def client_safety(request, client_id):
    client = _client(request, client_id, "safety record")
    return render_client_page(
        request,
        client,
        "safety/client.html",
        {
            "alerts": client.alerts.select_related("acknowledged_by").order_by("-raised_at"),
            "assessments": client.risk_assessments.select_related("author"),
            "crisis_events": client.crisis_events.select_related("started_by", "closed_by"),
            "follow_ups": client.follow_ups.select_related("assigned_to", "done_by"),
            "crisis_form": forms.CrisisStartForm(),
        },
    )


@clinical_only
@require_http_methods(["GET", "POST"])
def assessment_new(request, client_id):
    client = _client(request, client_id, "risk assessment")
    form = forms.RiskAssessmentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            services.risk_assessment_record,
            acting_user=request.user,
            client=client,
            fields=form.cleaned_data,
            request=request,
        )
        if saved is not None:
            messages.success(request, _("Risk assessment saved and signed."))
            return redirect("safety:assessment", client_id=client.pk, assessment_id=saved.pk)
    previous = client.risk_assessments.first()
    return render_client_page(
        request,
        client,
        "safety/assessment_form.html",
        {"form": form, "previous": previous},
        status=400 if form.errors else 200,
    )


@clinical_only
def assessment(request, client_id, assessment_id):
    client = _client(request, client_id, "risk assessment")
    found = get_object_or_404(client.risk_assessments.select_related("author"), pk=assessment_id)
    return render_client_page(request, client, "safety/assessment.html", {"assessment": found})


@clinical_only
@require_http_methods(["GET", "POST"])
def crisis_start(request, client_id):
    client = _client(request, client_id, "crisis event")
    form = forms.CrisisStartForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        event = run_service(
            form,
            services.crisis_event_start,
            acting_user=request.user,
            client=client,
            summary=form.cleaned_data["summary"],
            request=request,
        )
        if event is not None:
            messages.success(request, _("Crisis event started: work through the steps."))
            return redirect("safety:crisis", client_id=client.pk, crisis_id=event.pk)
    return render_client_page(
        request,
        client,
        "safety/crisis_start.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@clinical_only
def crisis(request, client_id, crisis_id):
    client = _client(request, client_id, "crisis event")
    event = get_object_or_404(client.crisis_events, pk=crisis_id)
    return _crisis_page(request, client, event, forms.CrisisCloseForm())


def _crisis_page(request, client, event, close_form, status=200):
    return render_client_page(
        request,
        client,
        "safety/crisis.html",
        {
            "event": event,
            "steps": event.steps.select_related("done_by"),
            "close_form": close_form,
            "step_form": forms.CrisisStepForm(),
            "follow_ups": event.follow_ups.select_related("assigned_to"),
        },
        status=status,
    )


@clinical_only
@require_POST
def crisis_step(request, client_id, crisis_id, crisis_step_id):
    client = _client(request, client_id, "crisis event")
    event = get_object_or_404(client.crisis_events, pk=crisis_id)
    step = get_object_or_404(event.steps, pk=crisis_step_id)
    form = forms.CrisisStepForm(request.POST)
    if form.is_valid():
        step = run_service(
            form,
            services.crisis_step_complete,
            acting_user=request.user,
            step=step,
            note=form.cleaned_data["note"],
            request=request,
        ) or event.steps.get(pk=step.pk)
    if request.htmx:
        context = {"client": client, "event": event, "step": step, "step_form": form}
        status = 400 if form.errors else 200
        return render(request, "safety/_crisis_step.html", context, status=status)
    for error in form.non_field_errors():
        messages.error(request, error)
    return redirect("safety:crisis", client_id=client.pk, crisis_id=event.pk)


@clinical_only
@require_POST
def crisis_close(request, client_id, crisis_id):
    client = _client(request, client_id, "crisis event")
    event = get_object_or_404(client.crisis_events, pk=crisis_id)
    undone = list(event.steps.filter(done_at__isnull=True))
    form = forms.CrisisCloseForm(request.POST, steps_undone=len(undone))
    if form.is_valid() and not is_confirmed(request.POST) and event.is_open:
        # Closing cannot be undone: show the outcome and the steps left undone, and ask
        # (H-109).
        context = {"event": event, "form": form, "undone": undone}
        return render_client_page(request, client, "safety/crisis_close_confirm.html", context)
    if form.is_valid() and run_service(
        form,
        services.crisis_event_close,
        acting_user=request.user,
        event=event,
        outcome=form.cleaned_data["outcome"],
        note=form.cleaned_data["note"],
        request=request,
    ):
        messages.success(request, _("Crisis event closed."))
        return redirect("safety:crisis", client_id=client.pk, crisis_id=event.pk)
    return _crisis_page(request, client, event, form, status=400)


@clinical_only
@require_POST
def follow_up_done(request, client_id, follow_up_id):
    client = _client(request, client_id, "follow-up contact")
    follow_up = get_object_or_404(client.follow_ups, pk=follow_up_id)
    form = forms.FollowUpDoneForm(request.POST)
    if form.is_valid() and run_service(
        form,
        services.follow_up_complete,
        acting_user=request.user,
        follow_up=follow_up,
        note=form.cleaned_data["note"],
        request=request,
    ):
        messages.success(request, _("Follow-up recorded."))
        if request.POST.get("next") == "tasks":
            return redirect("safety:tasks")
        return redirect("safety:client", client_id=client.pk)
    return render_client_page(
        request,
        client,
        "safety/follow_up_done.html",
        {"form": form, "follow_up": follow_up},
        status=400,
    )


@clinical_only
def tasks(request):
    follow_ups = list(follow_ups_for(request.user))
    audit_record(
        action="tasks.view",
        request=request,
        detail={"client_ids": sorted({follow_up.client_id for follow_up in follow_ups})},
    )
    return render(
        request,
        "safety/tasks.html",
        {"follow_ups": follow_ups},
    )


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def practice_settings(request):
    form = forms.PracticeSafetyForm(request.POST or None, instance=PracticeSettings.current())
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            services.practice_settings_update,
            acting_user=request.user,
            changes={name: form.cleaned_data[name] for name in form.changed_data},
            request=request,
        )
    ):
        messages.success(request, _("Practice settings saved."))
        return redirect("safety:practice_settings")
    return render(
        request,
        "safety/practice_settings.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
