from django import forms
from django.utils.translation import gettext_lazy as _

from caseload.accounts.models import CLINICAL_ROLES, User
from caseload.clients.access import schedulable_clinicians
from caseload.clients.booking import MAX_OCCURRENCES, Recurrence
from caseload.clients.models import (
    Appointment,
    Attendance,
    Client,
    CommunicationProfile,
    Episode,
    Perspective,
)
from caseload.clients.services import (
    COMMUNICATION_FIELDS,
    DEMOGRAPHIC_FIELDS,
    PERSPECTIVE_FIELDS,
)


def clinicians():
    return User.objects.filter(is_active=True, role__in=CLINICAL_ROLES)


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value):
        return value.strftime("%Y-%m-%dT%H:%M") if hasattr(value, "strftime") else value


class ClientForm(forms.ModelForm):
    class Meta:
        model = Client
        fields = DEMOGRAPHIC_FIELDS
        widgets = {
            "date_of_birth": DateInput(),
            "address": forms.Textarea(attrs={"rows": 3}),
        }


class NewClientForm(ClientForm):
    primary_clinician = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Primary clinician"),
        help_text=_("Leave empty to become the primary clinician yourself (clinicians)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["primary_clinician"].queryset = clinicians()


class PerspectiveForm(forms.ModelForm):
    class Meta:
        model = Perspective
        fields = PERSPECTIVE_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in PERSPECTIVE_FIELDS}


class CommunicationForm(forms.ModelForm):
    class Meta:
        model = CommunicationProfile
        fields = COMMUNICATION_FIELDS
        widgets = {
            "accessibility_needs": forms.Textarea(attrs={"rows": 2}),
            "what_helps": forms.Textarea(attrs={"rows": 2}),
            "sensitivities": forms.Textarea(attrs={"rows": 3}),
        }


class AppointmentForm(forms.ModelForm):
    """Book an appointment (clients/booking.py applies the rules): the clinician is one
    of the people the booker may schedule for, the booker by default; a series repeats
    weekly or fortnightly for a number of occurrences or until a date."""

    repeat = forms.ChoiceField(
        label=_("Repeat"),
        choices=[
            ("", _("Does not repeat")),
            ("weekly", _("Weekly")),
            ("fortnightly", _("Fortnightly")),
        ],
        required=False,
    )
    occurrences = forms.IntegerField(
        label=_("Number of appointments"),
        min_value=2,
        max_value=MAX_OCCURRENCES,
        required=False,
        help_text=_("For a series: how many in all, or give an end date instead."),
    )
    until = forms.DateField(label=_("Repeat until"), required=False, widget=DateInput())
    allow_overlap = forms.BooleanField(
        label=_("Allow an overlap with another appointment (group work, joint session)"),
        required=False,
    )
    overlap_reason = forms.CharField(label=_("Why it may overlap"), max_length=300, required=False)

    class Meta:
        model = Appointment
        fields = ["clinician", "starts_at", "duration_minutes", "kind", "location"]
        widgets = {"starts_at": DateTimeInput()}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = schedulable_clinicians(user) if user is not None else clinicians()
        self.fields["clinician"].queryset = people
        if user is not None and people.filter(pk=user.pk).exists():
            # Yourself by default; someone booking for others (intake) chooses each time.
            self.fields["clinician"].initial = user.pk
            self.fields["clinician"].empty_label = None

    def clean(self):
        cleaned = super().clean()
        repeat = cleaned.get("repeat")
        count, until = cleaned.get("occurrences"), cleaned.get("until")
        if repeat and (count is None) == (until is None):
            raise forms.ValidationError(
                _("For a series, give the number of appointments or the end date (one of them).")
            )
        if (count or until) and not repeat:
            raise forms.ValidationError(_("Choose weekly or fortnightly to repeat."))
        if cleaned.get("allow_overlap") and not cleaned.get("overlap_reason", "").strip():
            self.add_error("overlap_reason", _("Say why this appointment may overlap another."))
        return cleaned

    def booking_arguments(self) -> dict:
        """The keyword arguments of clients.booking.appointment_book."""
        data = self.cleaned_data
        recurrence = None
        if data.get("repeat"):
            recurrence = Recurrence(data["repeat"], data.get("occurrences"), data.get("until"))
        return {
            "clinician": data["clinician"],
            "starts_at": data["starts_at"],
            "duration_minutes": data["duration_minutes"],
            "kind": data["kind"],
            "location": data.get("location", ""),
            "recurrence": recurrence,
            "allow_overlap": data.get("allow_overlap", False),
            "overlap_reason": data.get("overlap_reason", ""),
        }


class AppointmentMoveForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("New start"), widget=DateTimeInput())
    duration_minutes = forms.IntegerField(label=_("Length (minutes)"))
    allow_overlap = AppointmentForm.base_fields["allow_overlap"]
    overlap_reason = AppointmentForm.base_fields["overlap_reason"]


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(choices=Attendance.choices, label=_("Attendance"))


class CareTeamAddForm(forms.Form):
    user = forms.ModelChoiceField(queryset=None, label=_("Clinician"))
    primary = forms.BooleanField(required=False, label=_("Make primary clinician"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = clinicians()


class EpisodeOpenForm(forms.ModelForm):
    class Meta:
        model = Episode
        fields = ["started_on", "reason", "referral_source"]
        widgets = {"started_on": DateInput()}


class EpisodeCloseForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput())
