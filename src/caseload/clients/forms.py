from django import forms
from django.utils.translation import gettext_lazy as _

from caseload.accounts.models import CLINICAL_ROLES, User
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
    class Meta:
        model = Appointment
        fields = ["clinician", "starts_at", "duration_minutes", "kind", "location"]
        widgets = {"starts_at": DateTimeInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clinician"].queryset = clinicians()


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
