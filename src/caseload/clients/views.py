from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from caseload.audit.services import audit_record
from caseload.clients import booking, forms, services
from caseload.clients.access import (
    Part,
    access_client,
    can_create_clients,
    can_manage_care_team,
    can_see_part,
    clients_visible_to,
)
from caseload.clients.pages import render_client_page
from caseload.clients.selectors import caseload_page, caseload_table
from caseload.core import clock
from caseload.core.forms import run_service


@login_required
def caseload(request):
    # A NUL cannot be in a name, and PostgreSQL refuses it in a parameter.
    query = request.GET.get("q", "").replace("\x00", "").strip()
    # Signals are computed only for the record parts the role covers: intake gets the
    # scheduling and communication ones, never a clinical one (H-094).
    page = caseload_page(
        request.user,
        include_discharged=request.GET.get("discharged") == "1",
        search=query,
        number=request.GET.get("page"),
    )
    rows = page.object_list
    audit_record(
        action="caseload.view",
        request=request,
        detail={"client_ids": [client.pk for client in rows]},
    )
    # Directory-only roles (the admin) see names, status and care team, not the schedule.
    show_record = can_see_part(request.user, Part.DEMOGRAPHICS)
    return render(
        request,
        "clients/caseload.html",
        {
            "page": page,
            "rows": caseload_table(rows, show_record=show_record),
            "show_record": show_record,
            "query": query,
            "can_create": can_create_clients(request.user),
            "own_caseload": request.user.keeps_a_caseload,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def client_new(request):
    if not can_create_clients(request.user):
        raise PermissionDenied
    form = forms.NewClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        primary = fields.pop("primary_clinician")
        client = run_service(
            form,
            services.client_create,
            acting_user=request.user,
            fields=fields,
            primary_clinician=primary,
            request=request,
        )
        if client is not None:
            messages.success(request, _("Client registered."))
            # Someone who registers a client for another clinician may not see them after.
            if clients_visible_to(request.user).filter(pk=client.pk).exists():
                return redirect("clients:detail", client_id=client.pk)
            return redirect("clients:caseload")
    return render(request, "clients/new.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def detail(request, client_id):
    client = access_client(
        request.user,
        client_id,
        part=Part.DEMOGRAPHICS,
        purpose="view client record",
        request=request,
    )
    return render_client_page(
        request,
        client,
        "clients/detail.html",
        {
            "care_team": client.care_team.select_related("user"),
            "episodes": client.episodes.all()[:5],
            "upcoming": client.appointments.filter(
                attendance="scheduled", starts_at__gte=clock.now()
            ).select_related("clinician")[:5],
        },
    )


def _edit(request, client_id, *, part, purpose, form_class, instance_of, service, template):
    """The shared shape of the record's edit pages: door, form, service, redirect."""
    write = request.method == "POST"
    client = access_client(
        request.user, client_id, part=part, write=write, purpose=purpose, request=request
    )
    instance = instance_of(client)
    initial = model_to_dict(instance, fields=form_class._meta.fields)
    form = form_class(request.POST or None, initial=initial)
    if (
        write
        and form.is_valid()
        and run_service(
            form,
            service,
            acting_user=request.user,
            client=client,
            changes={name: form.cleaned_data[name] for name in form.changed_data},
            request=request,
        )
        is not None
    ):
        messages.success(request, _("Saved."))
        return redirect(request.path)
    return render_client_page(
        request,
        client,
        template,
        {"form": form, "record": instance},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, client_id):
    return _edit(
        request,
        client_id,
        part=Part.DEMOGRAPHICS,
        purpose="edit demographics",
        form_class=forms.ClientForm,
        instance_of=lambda client: client,
        service=services.client_update,
        template="clients/edit.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def perspective(request, client_id):
    return _edit(
        request,
        client_id,
        part=Part.CLINICAL,
        purpose="client's perspective",
        form_class=forms.PerspectiveForm,
        instance_of=lambda client: client.perspective,
        service=services.perspective_save,
        template="clients/perspective.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def communication(request, client_id):
    return _edit(
        request,
        client_id,
        part=Part.COMMUNICATION,
        purpose="communication profile",
        form_class=forms.CommunicationForm,
        instance_of=lambda client: client.communication,
        service=services.communication_save,
        template="clients/communication.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def care_team(request, client_id):
    write = request.method == "POST"
    if write and not can_manage_care_team(request.user):
        raise PermissionDenied
    client = access_client(
        request.user,
        client_id,
        part=Part.DIRECTORY,
        write=write,
        purpose="care team",
        request=request,
    )
    form = forms.CareTeamAddForm(request.POST or None)
    if (
        write
        and form.is_valid()
        and run_service(
            form,
            services.care_team_add,
            acting_user=request.user,
            client=client,
            user=form.cleaned_data["user"],
            primary=form.cleaned_data["primary"],
            request=request,
        )
    ):
        messages.success(request, _("Care team updated."))
        return redirect("clients:care_team", client_id=client.pk)
    return render_client_page(
        request,
        client,
        "clients/care_team.html",
        {
            "form": form,
            "members": client.care_team.select_related("user"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def care_team_remove(request, client_id, member_id):
    if not can_manage_care_team(request.user):
        raise PermissionDenied
    client = access_client(
        request.user,
        client_id,
        part=Part.DIRECTORY,
        write=True,
        purpose="care team",
        request=request,
    )
    member = get_object_or_404(client.care_team, pk=member_id)
    form = forms.CareTeamAddForm()
    run_service(
        form, services.care_team_remove, acting_user=request.user, member=member, request=request
    )
    for error in form.non_field_errors():
        messages.error(request, error)
    if not form.errors:
        messages.success(request, _("Removed from the care team."))
    return redirect("clients:care_team", client_id=client.pk)


@login_required
@require_http_methods(["GET", "POST"])
def appointments(request, client_id):
    write = request.method == "POST"
    client = access_client(
        request.user,
        client_id,
        part=Part.DEMOGRAPHICS,
        write=write,
        purpose="appointments",
        request=request,
    )
    form = forms.AppointmentForm(request.POST or None, user=request.user)
    booked = (
        write
        and form.is_valid()
        and run_service(
            form,
            booking.appointment_book,
            acting_user=request.user,
            client=client,
            request=request,
            **form.booking_arguments(),
        )
    )
    if booked:
        messages.success(request, booking.booked_message(booked))
        return redirect("clients:appointments", client_id=client.pk)
    return render_client_page(
        request,
        client,
        "clients/appointments.html",
        {
            "form": form,
            "appointments": client.appointments.select_related("clinician").order_by("-starts_at"),
            "attendance_choices": forms.Attendance.choices,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def attendance(request, client_id, appointment_id):
    client = access_client(
        request.user,
        client_id,
        part=Part.DEMOGRAPHICS,
        write=True,
        purpose="record attendance",
        request=request,
    )
    appointment = get_object_or_404(client.appointments, pk=appointment_id)
    form = forms.AttendanceForm(request.POST)
    recorded = form.is_valid() and run_service(
        form,
        services.appointment_record_attendance,
        acting_user=request.user,
        appointment=appointment,
        attendance=form.cleaned_data["attendance"],
        request=request,
    )
    status = attendance_status(appointment) if recorded else ""
    if request.htmx:
        return render(
            request,
            "clients/_appointment_row.html",
            {
                "client": client,
                "appointment": appointment,
                "form": form,
                "attendance_choices": forms.Attendance.choices,
                "attendance_status": status,
            },
            status=400 if form.errors else 200,
        )
    if form.errors:
        messages.error(request, _("Choose one of the listed attendance outcomes."))
    else:
        messages.success(request, status)
    return redirect("clients:appointments", client_id=client.pk)


def attendance_status(appointment) -> str:
    """The sentence announced after recording attendance."""
    return booking.sentence(
        _("Attendance recorded: %(outcome)s, %(when)s")
        % {
            "outcome": appointment.get_attendance_display(),
            "when": booking.describe(appointment).split(", ", 1)[1],
        }
    )


@login_required
@require_http_methods(["GET", "POST"])
def appointment_move(request, client_id, appointment_id):
    """Move one appointment (one occurrence of a series) under the booking rules."""
    client = access_client(
        request.user,
        client_id,
        part=Part.DEMOGRAPHICS,
        write=request.method == "POST",
        purpose="move an appointment",
        request=request,
    )
    appointment = get_object_or_404(
        client.appointments.select_related("client"), pk=appointment_id
    )
    initial = {
        "starts_at": appointment.starts_at,
        "duration_minutes": appointment.duration_minutes,
    }
    form = forms.AppointmentMoveForm(request.POST or None, initial=initial)
    if form.is_valid() and run_service(
        form,
        booking.appointment_move,
        acting_user=request.user,
        appointment=appointment,
        request=request,
        **form.cleaned_data,
    ):
        messages.success(
            request,
            booking.sentence(
                _("Moved to %(when)s") % {"when": booking.describe(appointment).split(", ", 1)[1]}
            ),
        )
        return redirect("clients:appointments", client_id=client.pk)
    return render_client_page(
        request,
        client,
        "clients/appointment_move.html",
        {"form": form, "appointment": appointment},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def episodes(request, client_id):
    write = request.method == "POST"
    client = access_client(
        request.user,
        client_id,
        part=Part.DEMOGRAPHICS,
        write=write,
        purpose="episodes of care",
        request=request,
    )
    form = forms.EpisodeOpenForm(request.POST or None)
    if (
        write
        and form.is_valid()
        and run_service(
            form,
            services.episode_open,
            acting_user=request.user,
            client=client,
            request=request,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("Episode of care opened."))
        return redirect("clients:episodes", client_id=client.pk)
    return render_client_page(
        request,
        client,
        "clients/episodes.html",
        {
            "form": form,
            "episodes": client.episodes.all(),
            "close_form": forms.EpisodeCloseForm(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def episode_close(request, client_id, episode_id):
    client = access_client(
        request.user,
        client_id,
        part=Part.DEMOGRAPHICS,
        write=True,
        purpose="episodes of care",
        request=request,
    )
    episode = get_object_or_404(client.episodes, pk=episode_id)
    form = forms.EpisodeCloseForm(request.POST)
    if form.is_valid() and run_service(
        form,
        services.episode_close,
        acting_user=request.user,
        episode=episode,
        request=request,
        ended_on=form.cleaned_data["ended_on"],
    ):
        messages.success(request, _("Episode of care closed."))
    else:
        for error in [*form.non_field_errors(), *form.errors.get("ended_on", [])]:
            messages.error(request, error)
    return redirect("clients:episodes", client_id=client.pk)
