from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caseload.audit.services import audit_record
from caseload.clients import services
from caseload.clients.access import Part, access_client
from caseload.clients.forms import AttendanceForm
from caseload.clients.models import Attendance
from caseload.core.forms import run_service
from caseload.today.homes import ATTENDANCE_OUTCOMES, home_for


@login_required
def home(request):
    page = home_for(request.user)
    # Reading a home page is a listing, audited like the caseload page: who looked, and
    # which clients the page named.
    audit_record(
        action="home.view", request=request, detail={"client_ids": sorted(page.client_ids)}
    )
    return render(request, page.template, page.context)


@login_required
@require_POST
def attendance(request, client_id, appointment_id):
    """Attendance recorded from the home page, through the same door and service (and
    so the same audit event) as from the client's appointments page."""
    client = access_client(
        request.user,
        client_id,
        part=Part.DEMOGRAPHICS,
        write=True,
        purpose="record attendance",
        request=request,
    )
    appointment = get_object_or_404(client.appointments, pk=appointment_id)
    form = AttendanceForm(request.POST)
    recorded = form.is_valid() and run_service(
        form,
        services.appointment_record_attendance,
        acting_user=request.user,
        appointment=appointment,
        attendance=form.cleaned_data["attendance"],
        request=request,
    )
    if recorded:
        status = _("%(client)s at %(time)s: %(outcome)s recorded.") % {
            "client": client.display_name,
            "time": time_format(timezone.localtime(appointment.starts_at)),
            "outcome": Attendance(appointment.attendance).label,
        }
    else:
        status = _("Attendance not recorded: choose one of the listed outcomes.")
    if request.htmx:
        return render(
            request,
            "today/_attendance_response.html",
            {
                "appointment": appointment,
                "status": status,
                "recordable": True,
                "ok": recorded,
                "attendance_outcomes": ATTENDANCE_OUTCOMES,
            },
            status=200 if recorded else 400,
        )
    (messages.success if recorded else messages.error)(request, status)
    return redirect("home")
