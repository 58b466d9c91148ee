from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from caseload.clients.forms import DateTimeInput
from caseload.core import clock
from caseload.core.dates import show_datetime
from caseload.notes.models import ContactMode, NoteFormat, NoteKind, NoteSettings


class NewNoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type of note"), choices=NoteKind.choices)
    appointment = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Session"),
        help_text=_("The session this note is about, if any."),
    )
    contact_mode = forms.ChoiceField(
        label=_("Kind of contact (contact notes)"),
        choices=[("", "---------"), *ContactMode.choices],
        required=False,
    )
    occurred_at = forms.DateTimeField(
        label=_("When it took place (if not a session)"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Leave empty for now."),
    )
    note_format = forms.ChoiceField(
        label=_("Format (progress notes)"),
        choices=NoteFormat.choices,
        widget=forms.RadioSelect,
        required=False,  # left out: the clinician's usual format
        help_text=_("Your usual format is chosen; a note keeps its format once started."),
    )
    psychotherapy = forms.BooleanField(
        label=_("Psychotherapy note: private process notes, kept out of the record"),
        required=False,
        help_text=_("Only you will ever be able to read it. It is never exported or released."),
    )

    def __init__(self, *args, client, author, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note_format"].initial = NoteSettings.for_user(author).progress_format
        # The client's own past sessions only: fetched through the client from the door.
        # The client's own sessions of the last year, fetched through the client that
        # came out of the door (a date bound, not a slice: the choice is validated
        # against this queryset).
        now = clock.now()
        self.fields["appointment"].queryset = client.appointments.filter(
            starts_at__lte=now, starts_at__gte=now - timedelta(days=366)
        ).order_by("-starts_at")
        self.fields["appointment"].label_from_instance = lambda appointment: (
            f"{show_datetime(appointment.starts_at)} "
            f"({appointment.get_attendance_display().lower()})"
        )


def draft_form_class(note):
    """A form with one textarea per section of this note, and the version it shows."""
    fields = {
        key: forms.CharField(
            label=label,
            required=False,
            strip=False,
            widget=forms.Textarea(attrs={"rows": 6}),
        )
        for key, label in note.section_keys()
    }
    fields["version"] = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    return type("DraftForm", (forms.Form,), fields)


def draft_form(note, data=None):
    initial = {**note.sections, "version": note.version}
    form = draft_form_class(note)(data, initial=initial, prefix=None)
    for key, _label in note.section_keys():
        form.fields[key].widget.attrs["id"] = f"section-{key}"
    form.fields["version"].widget.attrs["id"] = "note-version"
    return form


def sections_of(form) -> dict[str, str]:
    return {key: value for key, value in form.cleaned_data.items() if key != "version"}


class AmendmentForm(forms.Form):
    text = forms.CharField(
        label=_("Amendment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Added below the original with today's date and your signature."),
        max_length=20_000,
    )


class SessionStartForm(forms.Form):
    started_at = forms.DateTimeField(
        label=_("The session actually started at"), widget=DateTimeInput()
    )


class NoteSettingsForm(forms.ModelForm):
    class Meta:
        model = NoteSettings
        fields = ["progress_format", "needs_cosign"]

    progress_format = forms.ChoiceField(
        label=_("Progress note format"), choices=NoteFormat.choices
    )
