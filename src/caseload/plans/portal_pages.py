"""The client's side of plans: reading and signing the plan, acknowledging the
expectations agreement, and giving session feedback, each through its own link. The
portal has checked the link and the date of birth before these run; everything is
reached through the link's own client."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from caseload.core.crisis_lines import crisis_lines
from caseload.plans import document, selectors, services
from caseload.plans.forms import FeedbackForm, SignForm
from caseload.portal.services import PortalLinkSpent


def _done(request, heading: str, *paragraphs: str, status: int = 200):
    return render(
        request, "portal/done.html", {"heading": heading, "paragraphs": paragraphs}, status=status
    )


def _sign_page(request, link, *, sections, service, template, done, already):
    """Show `sections` with a signing form carrying their hash; on a valid POST call
    `service`, which re-checks the hash against the stored text under a lock."""
    if already:
        return _done(request, *already)
    shown = document.sha256(document.as_text(sections))
    form = SignForm(request.POST or None, initial={"shown": shown})
    if request.method == "POST" and form.is_valid():
        try:
            service(
                link=link,
                typed_name=form.cleaned_data["typed_name"],
                shown_sha256=form.cleaned_data["shown"],
                request=request,
            )
        except ValidationError as error:
            # Refused (mostly: the text changed since the page was shown). Show the
            # current text with its own hash and ask them to read and tick again.
            data = request.POST.copy()
            data["shown"] = shown
            data.pop("agree", None)
            form = SignForm(data)
            form.is_valid()
            form.add_error(None, error.messages[0])
        except PortalLinkSpent:
            return render(request, "portal/closed.html", status=410)
        else:
            return _done(request, *done)
    context = {"sections": sections, "form": form}
    return render(request, template, context, status=400 if form.errors else 200)


def sign_plan(request, link):
    plan = get_object_or_404(link.client.treatment_plans, pk=int(link.target_id))
    signed = plan.current_version_signed
    return _sign_page(
        request,
        link,
        sections=document.plan_sections(plan, selectors.active_goals(plan)),
        service=services.plan_sign,
        template="plans/portal_sign.html",
        done=(
            _("Thank you, your plan is signed"),
            _(
                "Your care team can see that you signed it. You can talk about any part of it "
                "at your next session."
            ),
        ),
        already=(_("Your plan is already signed"), _("There is nothing more to do here."))
        if signed
        else None,
    )


def acknowledge_agreement(request, link):
    agreement = get_object_or_404(link.client.agreements, pk=int(link.target_id))
    sections = document.agreement_sections(
        agreement, [(line["label"], line["number"]) for line in crisis_lines()]
    )
    return _sign_page(
        request,
        link,
        sections=sections,
        service=services.agreement_acknowledge,
        template="plans/portal_agreement.html",
        done=(
            _("Thank you, you have acknowledged our agreement"),
            _("If something in it stops working for you, tell your clinician: it can change."),
        ),
        already=(_("You have already acknowledged this agreement"),)
        if agreement.acknowledged_at
        else None,
    )


def session_feedback(request, link):
    appointment = get_object_or_404(link.client.appointments, pk=int(link.target_id))
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(
                link=link,
                ratings=form.ratings(),
                comment=form.cleaned_data["comment"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        except PortalLinkSpent:
            return render(request, "portal/closed.html", status=410)
        else:
            return _done(
                request,
                _("Thank you for your feedback"),
                _("Your clinician will read it before your next session."),
            )
    context = {"form": form, "appointment": appointment}
    return render(
        request, "plans/portal_feedback.html", context, status=400 if form.errors else 200
    )
