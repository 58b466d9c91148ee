"""The plan, agreement and feedback pages of a client's record. Thin: the door, a form,
one service, render or redirect. Everything here is clinical (Part.CLINICAL)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from caseload.clients.access import Part, access_client
from caseload.clients.pages import render_client_page
from caseload.core import clock
from caseload.core.contact_policy import DEFAULT_POLICY
from caseload.core.forms import run_service
from caseload.plans import selectors, services
from caseload.plans.forms import (
    AgreementForm,
    FeedbackLinkForm,
    GoalForm,
    PlanForm,
    ReviewForm,
)
from caseload.plans.selectors import goal_views
from caseload.safety.screening_alerts import attach_screened_parts


def _client(request, client_id, purpose: str, *, write: bool = False):
    return access_client(
        request.user,
        client_id,
        part=Part.CLINICAL,
        write=write,
        purpose=purpose,
        request=request,
    )


def _message_form() -> forms.Form:
    """A bound, valid, empty form: something for run_service to put a refusal on when the
    action has no fields of its own."""
    form = forms.Form(data={})
    form.is_valid()
    return form


def _plan_or_404(client):
    plan = selectors.current_plan(client)
    if plan is None:
        raise Http404("This client has no treatment plan yet.")
    return plan


def _render(request, client, template, context, *, form=None):
    status = 400 if form is not None and form.errors else 200
    notices = attach_screened_parts(
        client.session_feedback.filter(seen_at__isnull=True).exclude(concern=""), "comment"
    )
    return render_client_page(
        request, client, template, {"feedback_notices": notices, **context}, status=status
    )


@login_required
def plan(request, client_id):
    client = _client(request, client_id, "treatment plan")
    current = selectors.current_plan(client)
    context = {"plan": current, "form": PlanForm()}
    if current is not None:
        context.update(
            goals=goal_views(client, current),
            latest_review=current.reviews.first(),
            reviews=current.reviews.select_related("reviewed_by")[:10],
            signature=current.latest_signature(),
        )
    return _render(request, client, "plans/plan.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, client_id):
    write = request.method == "POST"
    client = _client(request, client_id, "edit treatment plan", write=write)
    current = selectors.current_plan(client)
    # The form gets its own copy: a ModelForm writes the posted values into its instance,
    # and the service must compare them with the plan as stored.
    form = PlanForm(request.POST or None, instance=selectors.current_plan(client))
    if write and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        arguments = {"acting_user": request.user, "changes": changes, "request": request}
        if current is None:
            service = services.plan_create_for_current_episode
            arguments["client"] = client
        else:
            service = services.plan_update
            arguments["plan"] = current
        if run_service(form, service, **arguments):
            messages.success(request, _("Plan saved."))
            return redirect("plans:plan", client_id=client.pk)
    # Only a change to the version the client signed starts a new one (services.
    # _new_version_if_signed); an older signature says nothing about this edit.
    starts_new_version = bool(current and current.current_version_signed)
    context = {"plan": current, "form": form, "starts_new_version": starts_new_version}
    return _render(request, client, "plans/plan_edit.html", context, form=form)


def _goal_page(request, client_id, goal_id=None):
    write = request.method == "POST"
    client = _client(request, client_id, "plan goal", write=write)
    current = _plan_or_404(client)
    goals = current.goals.filter(active=True)
    goal = get_object_or_404(goals, pk=goal_id) if goal_id else None
    # Its own copy for the form, as in plan_edit.
    form = GoalForm(request.POST or None, instance=goals.get(pk=goal_id) if goal_id else None)
    if (
        write
        and form.is_valid()
        and run_service(
            form,
            services.goal_save,
            acting_user=request.user,
            plan=current,
            goal=goal,
            changes={name: form.cleaned_data[name] for name in form.fields},
            request=request,
        )
    ):
        messages.success(request, _("Goal saved."))
        return redirect("plans:plan", client_id=client.pk)
    rated = bool(goal and goal.ratings.exists())
    context = {"plan": current, "goal": goal, "form": form, "rated": rated}
    return _render(request, client, "plans/goal.html", context, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def goal_new(request, client_id):
    return _goal_page(request, client_id)


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, client_id, goal_id):
    return _goal_page(request, client_id, goal_id)


@login_required
@require_POST
def goal_retire(request, client_id, goal_id):
    client = _client(request, client_id, "plan goal", write=True)
    goal = get_object_or_404(client.plan_goals, pk=goal_id)
    form = _message_form()
    if run_service(
        form, services.goal_retire, acting_user=request.user, goal=goal, request=request
    ):
        messages.success(request, _("Goal taken out of the plan."))
    for error in form.non_field_errors():
        messages.error(request, error)
    return redirect("plans:plan", client_id=client.pk)


@login_required
@require_http_methods(["GET", "POST"])
def review(request, client_id):
    write = request.method == "POST"
    client = _client(request, client_id, "plan review", write=write)
    current = _plan_or_404(client)
    goals = selectors.active_goals(current)
    form = ReviewForm(request.POST or None, goals=goals, initial={"reviewed_on": clock.today()})
    if (
        write
        and form.is_valid()
        and run_service(
            form,
            services.plan_review_record,
            acting_user=request.user,
            plan=current,
            reviewed_on=form.cleaned_data["reviewed_on"],
            ratings=form.ratings(),
            summary=form.cleaned_data["summary"],
            next_review_on=form.cleaned_data["next_review_on"],
            request=request,
        )
    ):
        messages.success(request, _("Review recorded."))
        return redirect("plans:plan", client_id=client.pk)
    context = {"plan": current, "form": form, "goals": goals}
    return _render(request, client, "plans/review.html", context, form=form)


@login_required
@require_POST
def sign_link(request, client_id):
    client = _client(request, client_id, "plan signing link", write=True)
    current = _plan_or_404(client)
    form = _message_form()
    issued = run_service(
        form,
        services.plan_sign_link_create,
        acting_user=request.user,
        plan=current,
        request=request,
    )
    return _link_page(
        request, client, issued, form, _("Link to read and sign the plan"), back="plans:plan"
    )


@login_required
def signature(request, client_id, signature_id):
    client = _client(request, client_id, "signed plan text")
    signed = get_object_or_404(client.plan_signatures, pk=signature_id)
    return _render(request, client, "plans/signature.html", {"signature": signed})


def _link_page(request, client, issued, form, heading, *, back: str):
    """Show a new link once (only its digest is kept). On a refusal, go back to `back`
    (a URL name) with the reason."""
    if issued is None:
        for error in form.non_field_errors():
            messages.error(request, error)
        if not form.non_field_errors():
            messages.error(request, _("Choose a session."))
        return redirect(back, client_id=client.pk)
    url = request.build_absolute_uri(issued.path)
    back_url = reverse(back, kwargs={"client_id": client.pk})
    context = {"url": url, "link": issued.link, "heading": heading, "back_url": back_url}
    return _render(request, client, "plans/link.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def agreement(request, client_id):
    write = request.method == "POST"
    client = _client(request, client_id, "expectations agreement", write=write)
    latest = client.agreements.order_by("-version").first()
    initial = _agreement_initial(latest)
    form = AgreementForm(request.POST or None, initial=initial)
    if (
        write
        and form.is_valid()
        and run_service(
            form,
            services.agreement_save,
            acting_user=request.user,
            client=client,
            fields=form.cleaned_data,
            request=request,
        )
    ):
        messages.success(request, _("Agreement saved as a new version."))
        return redirect("plans:agreement", client_id=client.pk)
    context = {
        "latest": latest,
        "acknowledged": selectors.acknowledged_agreement(client),
        "versions": client.agreements.order_by("-version")[:10],
        "form": form,
    }
    return _render(request, client, "plans/agreement.html", context, form=form)


def _agreement_initial(latest) -> dict:
    if latest is None:
        # The practice default (caseload.core.contact_policy) as a starting point.
        return {
            "session_minutes": 50,
            "response_hours": DEFAULT_POLICY.response_hours,
            "contact_days": sorted(DEFAULT_POLICY.days),
            "contact_channels": sorted(DEFAULT_POLICY.channels),
            "contact_start": DEFAULT_POLICY.start,
            "contact_end": DEFAULT_POLICY.end,
        }
    return {name: getattr(latest, name) for name in services.AGREEMENT_FIELDS}


@login_required
@require_POST
def agreement_link(request, client_id):
    client = _client(request, client_id, "agreement link", write=True)
    latest = client.agreements.order_by("-version").first()
    if latest is None:
        messages.error(request, _("Write the agreement first."))
        return redirect("plans:agreement", client_id=client.pk)
    form = _message_form()
    issued = run_service(
        form,
        services.agreement_link_create,
        acting_user=request.user,
        agreement=latest,
        request=request,
    )
    heading = _("Link to read and acknowledge the agreement")
    return _link_page(request, client, issued, form, heading, back="plans:agreement")


@login_required
def feedback(request, client_id):
    client = _client(request, client_id, "session feedback")
    answered = attach_screened_parts(
        client.session_feedback.select_related("appointment", "seen_by")[:50], "comment"
    )
    waiting = (
        client.appointments.filter(attendance="attended", starts_at__lte=clock.now())
        .filter(feedback__isnull=True)
        .order_by("-starts_at")[:5]
    )
    context = {"answered": answered, "waiting": waiting}
    return _render(request, client, "plans/feedback.html", context)


@login_required
@require_POST
def feedback_link(request, client_id):
    client = _client(request, client_id, "session feedback link", write=True)
    form = FeedbackLinkForm(request.POST)
    issued = None
    if form.is_valid():
        appointment = get_object_or_404(client.appointments, pk=form.cleaned_data["appointment"])
        issued = run_service(
            form,
            services.feedback_link_create,
            acting_user=request.user,
            appointment=appointment,
            request=request,
        )
    heading = _("Link to give feedback on the session")
    return _link_page(request, client, issued, form, heading, back="plans:feedback")


@login_required
@require_POST
def feedback_seen(request, client_id, feedback_id):
    client = _client(request, client_id, "session feedback", write=True)
    row = get_object_or_404(client.session_feedback, pk=feedback_id)
    services.feedback_mark_seen(acting_user=request.user, feedback_row=row, request=request)
    messages.success(request, _("Marked as read."))
    # Back to the page the button was on: one of these names, never a URL from the form.
    back = {"plan": "plans:plan", "overview": "clients:detail"}.get(
        request.POST.get("back"), "plans:feedback"
    )
    return redirect(back, client_id=client.pk)
