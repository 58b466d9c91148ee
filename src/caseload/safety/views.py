from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from caseload.accounts.access import Part, access_client
from caseload.accounts.decorators import role_required
from caseload.accounts.models import Role
from caseload.core.forms import run_service
from caseload.safety.alerts import alert_acknowledge, alerts_visible_to
from caseload.safety.forms import AcknowledgeForm

# Alerts are for the people who treat and supervise; other roles have no inbox.
clinical_only = role_required(Role.CLINICIAN, Role.SUPERVISOR)


@clinical_only
def inbox(request):
    alerts = alerts_visible_to(request.user).select_related("client", "acknowledged_by")
    return render(
        request,
        "safety/inbox.html",
        {
            "open_alerts": alerts.filter(state="open").order_by("-severity", "raised_at"),
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
