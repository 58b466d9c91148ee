from django import forms
from django.utils.translation import gettext_lazy as _

from caseload.clients.forms import DateInput, DateTimeInput
from caseload.core.dates import show_date
from caseload.measures.instruments import get as get_instrument
from caseload.wellbeing.models import (
    BoundaryEvent,
    ContactChannel,
    InitiatedBy,
    WorkloadSettings,
)
from caseload.wellbeing.services import THRESHOLD_FIELDS


class ContactForm(forms.Form):
    channel = forms.ChoiceField(label=_("How"), choices=ContactChannel.choices)
    initiated_by = forms.ChoiceField(label=_("Who started it"), choices=InitiatedBy.choices)
    # Read in the practice's time zone, like every time typed into caseload.
    started_at = forms.DateTimeField(label=_("When it started"), widget=DateTimeInput())
    duration_minutes = forms.IntegerField(
        label=_("How long (minutes)"), min_value=1, max_value=600, initial=10
    )
    note = forms.CharField(
        label=_("A short note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What it was about, in a line or two. Stored encrypted."),
    )


class BoundaryForm(forms.ModelForm):
    client = forms.ModelChoiceField(queryset=None, label=_("Client"))

    class Meta:
        model = BoundaryEvent
        fields = ["client", "kind", "occurred_on", "minutes_over", "reflection"]
        widgets = {
            "occurred_on": DateInput(),
            "reflection": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "reflection": _(
                "What happened, what you felt, what you might do next time. Only you see "
                "this, unless you bring it to supervision."
            ),
        }

    discuss_in_supervision = forms.BooleanField(
        label=_("I would like to discuss this in supervision"), required=False
    )

    def __init__(self, *args, clients=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients


class SelfCheckForm(forms.Form):
    """One radio group per item, in the instrument's order."""

    def __init__(self, *args, instrument: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = get_instrument(instrument)
        for item in self.instrument.items:
            self.fields[f"item_{item.number}"] = forms.TypedChoiceField(
                label=item.text or _("Statement %(number)s") % {"number": item.number},
                choices=[(option.value, option.label) for option in item.options],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose an answer.")},
            )

    @property
    def wording_missing(self) -> bool:
        """Licensed wording the practice has not loaded: answer from one's own copy."""
        return not all(item.text for item in self.instrument.items)

    def answers(self) -> list[int]:
        return [self.cleaned_data[f"item_{item.number}"] for item in self.instrument.items]


class SupervisionForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    cases = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Cases discussed"),
        widget=forms.CheckboxSelectMultiple,
    )
    boundary_items = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Boundary items brought to supervision"),
        widget=forms.CheckboxSelectMultiple,
    )
    nudges = forms.MultipleChoiceField(
        required=False,
        label=_("Workload nudges talked about"),
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Seen by you and your supervisee. Stored encrypted."),
    )

    def __init__(self, *args, cases, boundary_items, nudges, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases
        self.fields["boundary_items"].queryset = boundary_items
        self.fields["boundary_items"].label_from_instance = lambda item: (
            f"{item.get_kind_display()}, {show_date(item.occurred_on)} "
            f"({item.client.display_name})"
        )
        self.fields["nudges"].choices = [(nudge.message, nudge.message) for nudge in nudges]


class ActionItemForm(forms.Form):
    text = forms.CharField(label=_("Action"), max_length=500)
    due_on = forms.DateField(label=_("Due"), widget=DateInput())


class WorkloadSettingsForm(forms.ModelForm):
    class Meta:
        model = WorkloadSettings
        fields = THRESHOLD_FIELDS
