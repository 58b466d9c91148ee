"""The audit trail's search form: a client's name (and date of birth, for namesakes),
a staff member, an action or a group of actions, and a period."""

from django import forms
from django.utils.translation import gettext_lazy as _

from caseload.accounts.forms import ConfirmPasswordMixin
from caseload.accounts.models import User
from caseload.privacy.audit_vocabulary import action_choices


class DateInput(forms.DateInput):
    input_type = "date"


class AuditTrailForm(forms.Form):
    client_name = forms.CharField(
        label=_("Client's name"),
        required=False,
        max_length=200,
        help_text=_("Any part of the legal or preferred name."),
    )
    date_of_birth = forms.DateField(
        label=_("Client's date of birth"),
        required=False,
        widget=DateInput(),
        help_text=_("To tell clients with the same name apart."),
    )
    user = forms.ChoiceField(label=_("Staff member"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("To (inclusive)"), required=False, widget=DateInput())
    client = forms.IntegerField(
        label=_("Client number"),
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("For a client whose record has been removed."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        # Every account that may have acted, inactive ones too: the trail outlives them.
        staff = User.objects.order_by("last_name", "first_name", "username")
        self.fields["user"].choices = [("", _("Anyone"))] + [
            (person.username, _staff_choice(person)) for person in staff
        ]
        self.fields["action"].choices = action_choices()
        for field in self.fields.values():
            kind = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs["class"] = kind

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data

    def described(self) -> dict[str, str]:
        """The filters used, for the audit event that records the search itself."""
        return {key: str(value) for key, value in self.cleaned_data.items() if value}


def _staff_choice(person: User) -> str:
    name = person.get_full_name()
    label = f"{name} ({person.username})" if name else person.username
    return label if person.is_active else f"{label}, {_('inactive')}"


class ExportConfirmForm(ConfirmPasswordMixin):
    """The password again before the trail leaves the practice as a file."""
