from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from caseload.core import clock
from caseload.measures.instruments import all_instruments
from caseload.measures.instruments.base import Instrument
from caseload.measures.models import PlanFrequency


class AnswersForm(forms.Form):
    """One radio group per item of `instrument`. Every item may be left unanswered: the
    engine applies the instrument's own missing-answer rule (prorate or refuse), so no
    answer is ever turned into a zero here. Answers with gaps are saved only once
    `confirmed` is sent, from the page that showed what is missing (H-107)."""

    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, instrument: Instrument, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for item in instrument.items:
            self.fields[f"item_{item.number}"] = forms.TypedChoiceField(
                label=item.text or _("Item %(number)s") % {"number": item.number},
                choices=[(option.value, option.label) for option in item.options],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )

    def clean(self):
        # A radio group sends one value; two (a hand-made request) would keep the last,
        # which could turn a positive risk answer into a 0 (H-071).
        getlist = getattr(self.data, "getlist", None)
        for item in self.instrument.items if getlist else ():
            if len(getlist(f"item_{item.number}")) > 1:
                self.add_error(f"item_{item.number}", _("Give one answer to this item."))
        return super().clean()

    def answers(self) -> list[int | None]:
        return [self.cleaned_data[f"item_{item.number}"] for item in self.instrument.items]

    def missing_confirmed(self) -> bool:
        return bool(self.cleaned_data.get("confirmed"))

    def item_fields(self):
        """(item, bound field) in order, for the template's fieldsets."""
        return [(item, self[f"item_{item.number}"]) for item in self.instrument.items]


def instrument_choices(*, by_link: bool = False) -> list[tuple[str, str]]:
    return [
        (instrument.code, f"{instrument.name}: {instrument.title}")
        for instrument in all_instruments()
        if not by_link or (instrument.completed_by == "client" and instrument.wording_shipped)
    ]


class PlanForm(forms.Form):
    prefix = "plan"  # the plan and link forms share a page and field names
    instrument = forms.ChoiceField(label=_("Instrument"), choices=instrument_choices)
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=PlanFrequency.choices,
        widget=forms.RadioSelect,
        initial=PlanFrequency.EVERY_N_WEEKS,
    )
    interval_weeks = forms.IntegerField(
        label=_("Every how many weeks"),
        min_value=1,
        max_value=52,
        required=False,
        initial=2,
        help_text=_("Only for 'every few weeks'."),
    )

    def clean(self):
        data = super().clean()
        if data.get("frequency") == PlanFrequency.EVERY_N_WEEKS and not data.get("interval_weeks"):
            self.add_error("interval_weeks", _("Say every how many weeks."))
        return data


class SendLinkForm(forms.Form):
    prefix = "link"
    instrument = forms.ChoiceField(
        label=_("Questionnaire to send"), choices=lambda: instrument_choices(by_link=True)
    )


class DateInput(forms.DateInput):
    input_type = "date"


class OutcomesForm(forms.Form):
    start = forms.DateField(label=_("Episodes ended from"), widget=DateInput)
    end = forms.DateField(label=_("to"), widget=DateInput)
    scope = forms.ChoiceField(
        label=_("Whose clients"),
        choices=[
            ("team", _("My team: my clients and my supervisees', by clinician")),
            ("service", _("The whole service, as one de-identified total")),
        ],
        widget=forms.RadioSelect,
    )

    @staticmethod
    def defaults() -> dict:
        today = clock.today()
        return {"start": today - timedelta(days=365), "end": today, "scope": "team"}

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("The end comes before the start."))
        return data

    def service(self) -> bool:
        return self.cleaned_data["scope"] == "service"

    def audit(self) -> dict:
        data = self.cleaned_data
        return {
            "start": data["start"].isoformat(),
            "end": data["end"].isoformat(),
            "scope": data["scope"],
        }
