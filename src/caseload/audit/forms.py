from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"


class AuditSearchForm(forms.Form):
    client = forms.IntegerField(
        label=_("Client number"), required=False, min_value=1, max_value=2**63 - 1
    )
    user = forms.CharField(label=_("Username"), required=False, max_length=150)
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("To (inclusive)"), required=False, widget=DateInput())
    action = forms.CharField(label=_("Action starts with"), required=False, max_length=64)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "client_id": data.get("client"),
            "username": data.get("user", ""),
            "since": data.get("since"),
            "until": data.get("until"),
            "action": data.get("action", ""),
        }
