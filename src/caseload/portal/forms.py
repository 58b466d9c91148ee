from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"


class BirthDateForm(forms.Form):
    date_of_birth = forms.DateField(
        label=_("Your date of birth"),
        widget=DateInput(attrs={"autocomplete": "bday"}),
        help_text=_("We ask so that only you can open this page."),
    )
