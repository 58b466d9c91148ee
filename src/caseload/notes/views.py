"""The notes pages. Every page of a client's notes goes through the door with
`Part.CLINICAL` first; notes are then found through that client (`selectors.note_for`),
which hides other people's psychotherapy notes behind a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from caseload.accounts.decorators import role_required
from caseload.accounts.models import CLINICAL_ROLES, Role, User
from caseload.clients.access import Part, access_client, supervisees_of
from caseload.clients.pages import render_client_page
from caseload.core.dates import show_time
from caseload.core.forms import is_confirmed, run_service
from caseload.notes import forms, overdue, selectors, services
from caseload.notes.engagement import consistency_of
from caseload.notes.models import NoteSettings
from caseload.notes.services import EditConflictError, NoteLockedError

clinical_only = role_required(Role.CLINICIAN, Role.SUPERVISOR)
PAGE_SIZE = 25


def _door(request, client_id, *, write=False, purpose="session notes"):
    return access_client(
        request.user, client_id, part=Part.CLINICAL, write=write, purpose=purpose, request=request
    )


def _can_write(user) -> bool:
    return user.role in CLINICAL_ROLES


def _note_page(request, client, note, *, status=200, **forms_and_state):
    user = request.user
    draft_editable = not note.is_signed and _can_write(user)
    context = {
        "note": note,
        "amendments": note.amendments.select_related("author"),
        "draft_form": forms.draft_form(note) if draft_editable else None,
        "can_sign": draft_editable and note.author_id == user.pk,
        "amend_form": forms.AmendmentForm() if note.is_signed and _can_write(user) else None,
        "can_cosign": note.awaiting_cosign and services.is_supervisor_of(user, note.author_id),
        "start_form": (
            forms.SessionStartForm(initial={"started_at": note.appointment.started_at})
            if note.appointment and _can_write(user)
            else None
        ),
        "overdue_hours": overdue.overdue_hours(),
        **forms_and_state,
    }
    return render_client_page(request, client, "notes/note.html", context, status=status)


@login_required
def note_list(request, client_id):
    client = _door(request, client_id)
    page = Paginator(selectors.record_notes_of(client), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render_client_page(
        request,
        client,
        "notes/list.html",
        {"page": page, "can_write": _can_write(request.user), "cutoff": overdue.overdue_cutoff()},
    )


@clinical_only
@require_http_methods(["GET", "POST"])
def note_new(request, client_id):
    write = request.method == "POST"
    client = _door(request, client_id, write=write, purpose="start a note")
    form = forms.NewNoteForm(request.POST or None, client=client, author=request.user)
    if write and form.is_valid():
        note = run_service(
            form,
            services.note_create,
            acting_user=request.user,
            client=client,
            request=request,
            **form.cleaned_data,
        )
        if note is not None:
            messages.success(request, _("Draft started. It is saved as you type."))
            return redirect("notes:note", client_id=client.pk, note_id=note.pk)
    return render_client_page(
        request, client, "notes/new.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def note_detail(request, client_id, note_id):
    client = _door(request, client_id, purpose="read a note")
    note = selectors.note_for(request.user, client, note_id)
    services.note_read(acting_user=request.user, note=note, request=request)
    return _note_page(request, client, note)


def _saved_label(note) -> str:
    return _("Saved at %(time)s") % {"time": show_time(note.saved_at)}


@clinical_only
@require_POST
def note_save(request, client_id, note_id):
    client = _door(request, client_id, write=True, purpose="write a note")
    note = selectors.note_for(request.user, client, note_id)
    form = forms.draft_form(note, request.POST)
    state = {"note": note, "form": form}
    if form.is_valid():
        try:
            state["note"] = services.note_save_draft(
                acting_user=request.user,
                note=note,
                sections=forms.sections_of(form),
                version=form.cleaned_data["version"],
                request=request,
            )
            state["saved"] = _saved_label(state["note"])
        except (EditConflictError, NoteLockedError) as refusal:
            state["refusal"] = refusal
    if request.htmx:
        # The autosave's answer is the status line (and the new version number). It is
        # sent as 200 even when the save was refused: htmx does not swap error answers,
        # and the writer must see the refusal and their kept text.
        return render(request, "notes/_save_status.html", state)
    if "saved" in state:
        messages.success(request, state["saved"])
        return redirect("notes:note", client_id=client.pk, note_id=note.pk)
    status = 409 if "refusal" in state else 400
    return _note_page(request, client, state["note"], status=status, **_refused(state))


def _refused(state) -> dict:
    refusal = state.get("refusal")
    return {"refusal": refusal, "refused_text": getattr(refusal, "refused", None)}


@clinical_only
@require_POST
def note_sign(request, client_id, note_id):
    client = _door(request, client_id, write=True, purpose="sign a note")
    note = selectors.note_for(request.user, client, note_id)
    form = forms.draft_form(note, request.POST)
    if not form.is_valid():
        return _note_page(request, client, note, status=400, draft_error=form.errors)
    if not is_confirmed(request.POST):
        # Signing locks the note for good: show what will be signed and ask (H-108).
        return render_client_page(
            request, client, "notes/sign_confirm.html", {"note": note, "form": form}
        )
    try:
        services.note_sign(
            acting_user=request.user,
            note=note,
            version=form.cleaned_data["version"],
            sections=forms.sections_of(form),
            request=request,
        )
    except (EditConflictError, NoteLockedError) as refusal:
        return _note_page(request, client, note, status=409, **_refused({"refusal": refusal}))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _note_page(request, client, note, status=400)
    messages.success(request, _("Signed. The note is now locked; add amendments below."))
    return redirect("notes:note", client_id=client.pk, note_id=note.pk)


@clinical_only
@require_POST
def note_amend(request, client_id, note_id):
    client = _door(request, client_id, write=True, purpose="amend a note")
    note = selectors.note_for(request.user, client, note_id)
    form = forms.AmendmentForm(request.POST)
    if form.is_valid() and run_service(
        form,
        services.note_amend,
        acting_user=request.user,
        note=note,
        text=form.cleaned_data["text"],
        request=request,
    ):
        messages.success(request, _("Amendment added and signed."))
        return redirect("notes:note", client_id=client.pk, note_id=note.pk)
    return _note_page(request, client, note, status=400, amend_form=form)


@role_required(Role.SUPERVISOR)
@require_POST
def note_cosign(request, client_id, note_id):
    client = _door(request, client_id, write=True, purpose="co-sign a note")
    note = selectors.note_for(request.user, client, note_id)
    try:
        services.note_cosign(acting_user=request.user, note=note, request=request)
        messages.success(request, _("Co-signed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("notes:cosign_queue")


@clinical_only
@require_POST
def session_start(request, client_id, note_id):
    client = _door(request, client_id, write=True, purpose="record when a session started")
    note = selectors.note_for(request.user, client, note_id)
    if note.appointment is None:
        return redirect("notes:note", client_id=client.pk, note_id=note.pk)
    form = forms.SessionStartForm(request.POST)
    if form.is_valid() and run_service(
        form,
        services.appointment_record_start,
        acting_user=request.user,
        appointment=note.appointment,
        started_at=form.cleaned_data["started_at"],
        request=request,
    ):
        messages.success(request, _("Start time recorded."))
        return redirect("notes:note", client_id=client.pk, note_id=note.pk)
    return _note_page(request, client, note, status=400, start_form=form)


@role_required(Role.SUPERVISOR)
def cosign_queue(request):
    return render(
        request, "notes/cosign_queue.html", {"notes": selectors.cosign_queue(request.user)}
    )


@clinical_only
def private_notes(request):
    notes = Paginator(selectors.psychotherapy_notes_of(request.user), PAGE_SIZE)
    return render(request, "notes/private.html", {"page": notes.get_page(request.GET.get("page"))})


@clinical_only
def consistency(request):
    """The clinician's own figures; a supervisor also sees their supervisees'."""
    people = [request.user]
    if request.user.role == Role.SUPERVISOR:
        people += list(supervisees_of(request.user))
    return render(
        request,
        "notes/consistency.html",
        {
            "rows": [
                (row, overdue.overdue_notes_count(row.clinician)) for row in consistency_of(people)
            ]
        },
    )


@role_required(Role.ADMIN)
def note_settings(request):
    people = User.objects.filter(role__in=CLINICAL_ROLES, is_active=True).select_related(
        "note_settings"
    )
    rows = [
        (
            person,
            forms.NoteSettingsForm(instance=NoteSettings.for_user(person), prefix=str(person.pk)),
        )
        for person in people
    ]
    return render(request, "notes/settings.html", {"rows": rows})


@role_required(Role.ADMIN)
@require_POST
def note_settings_save(request, user_id):
    person = get_object_or_404(User, pk=user_id, role__in=CLINICAL_ROLES)
    form = forms.NoteSettingsForm(request.POST, prefix=str(person.pk))
    if form.is_valid() and run_service(
        form,
        services.note_settings_save,
        acting_user=request.user,
        user=person,
        request=request,
        **form.cleaned_data,
    ):
        messages.success(request, _("Note settings saved for %(name)s.") % {"name": person})
    else:
        for error in [*form.non_field_errors(), *form.errors.get("progress_format", [])]:
            messages.error(request, error)
    return redirect("notes:settings")
