from django import forms
from django.utils.translation import gettext_lazy as _

from caseload.measures import instruments
from caseload.plans import feedback
from caseload.plans.gas import LEVEL_LABELS, LEVELS, level_label
from caseload.plans.models import (
    WEEKDAYS,
    ContactChannelChoice,
    ExpectationsAgreement,
    PlanGoal,
    TreatmentPlan,
)


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


def _rows(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class PlanForm(forms.ModelForm):
    class Meta:
        model = TreatmentPlan
        fields = ["problems", "interventions", "responsibilities", "next_review_on"]
        widgets = {
            "problems": _rows(4),
            "interventions": _rows(4),
            "responsibilities": _rows(3),
            "next_review_on": DateInput(),
        }
        help_texts = {
            "problems": _("The problems or needs this plan addresses, in plain words."),
            "responsibilities": _(
                "Who does what: what the client will do, what you will do, who else helps."
            ),
            "next_review_on": _("When you will review the plan together."),
        }


def instrument_choices() -> list[tuple[str, str]]:
    return [("", _("None"))] + [
        (instrument.code, instrument.name) for instrument in instruments.all_instruments()
    ]


class GoalForm(forms.ModelForm):
    class Meta:
        model = PlanGoal
        fields = [
            "client_words",
            "clinical_wording",
            "objective",
            "target_date",
            "instrument",
            "target_direction",
            "target_value",
            "weight",
            "level_plus2",
            "level_plus1",
            "level_0",
            "level_minus1",
            "level_minus2",
        ]
        widgets = {
            "client_words": _rows(2),
            "clinical_wording": _rows(2),
            "objective": _rows(2),
            "target_date": DateInput(),
            "level_plus2": _rows(2),
            "level_plus1": _rows(2),
            "level_0": _rows(2),
            "level_minus1": _rows(2),
            "level_minus2": _rows(2),
        }
        help_texts = {
            "client_words": _("As the client says it."),
            "objective": _("Something you can both observe or count."),
            "instrument": _("A measure that tracks this goal; its latest score shows beside it."),
            "target_value": _("For example, a PHQ-9 target below 10."),
            "weight": _("1 unless some goals matter more; used in the T-score."),
            "level_0": _("The outcome you both expect by the review."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"] = forms.ChoiceField(
            label=_("Tracked by measure"),
            choices=instrument_choices(),
            required=False,
            help_text=self.Meta.help_texts["instrument"],
        )
        # A rated goal's levels are fixed (plans.services.goal_save): shown, not editable.
        rated = self.instance.pk is not None and self.instance.ratings.exists()
        for level in LEVELS:
            field = self.fields[PlanGoal.LEVEL_FIELDS[level]]
            field.label = f"{level_label(level)}: {LEVEL_LABELS[level]}"
            field.required = True
            field.disabled = rated


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DateInput())
    summary = forms.CharField(label=_("Summary of the review"), widget=_rows(3), required=False)
    next_review_on = forms.DateField(label=_("Next review"), widget=DateInput(), required=False)

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (level, f"{level_label(level)}: {LEVEL_LABELS[level]}") for level in (2, 1, 0, -1, -2)
        ]
        self.goal_fields = []
        for number, goal in enumerate(goals, start=1):
            name = f"goal_{goal.pk}"
            self.fields[name] = forms.TypedChoiceField(
                label=_("Goal %(number)s: %(words)s")
                % {"number": number, "words": goal.client_words},
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
            )
            self.goal_fields.append((goal, name))

    def ratings(self) -> dict[int, int]:
        return {goal.pk: self.cleaned_data[name] for goal, name in self.goal_fields}


class AgreementForm(forms.ModelForm):
    contact_channels = forms.MultipleChoiceField(
        label=_("How the client can reach me between sessions"),
        choices=ContactChannelChoice.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_days = forms.TypedMultipleChoiceField(
        label=_("On which days"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ExpectationsAgreement
        fields = [
            "session_frequency",
            "session_minutes",
            "cancellations",
            "contact_channels",
            "contact_days",
            "contact_start",
            "contact_end",
            "response_hours",
            "cannot_offer",
            "crisis_steps",
            "progress_review",
        ]
        widgets = {
            "cancellations": _rows(3),
            "contact_start": TimeInput(),
            "contact_end": TimeInput(),
            "cannot_offer": _rows(3),
            "crisis_steps": _rows(3),
            "progress_review": _rows(3),
        }
        help_texts = {
            "session_frequency": _("For example: weekly, every two weeks."),
            "cancellations": _("How much notice, what happens after a missed session."),
            "cannot_offer": _("For example: no crisis support by text or email."),
            "crisis_steps": _(
                "The practice's crisis lines are added below this on the client's copy."
            ),
        }


class SignForm(forms.Form):
    typed_name = forms.CharField(
        label=_("Type your full name to sign"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    agree = forms.BooleanField(label=_("I have read this and I agree to it"))
    shown = forms.CharField(widget=forms.HiddenInput, max_length=64)


class FeedbackForm(forms.Form):
    comment = forms.CharField(
        label=_("Anything else you would like us to know? (optional)"),
        widget=_rows(3),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(value, f"{value} – {label}") for value, label in feedback.SCALE.items()]
        rating_fields = {
            name: forms.TypedChoiceField(
                label=statement, choices=choices, coerce=int, widget=forms.RadioSelect
            )
            for name, statement in feedback.STATEMENTS.items()
        }
        self.fields = {**rating_fields, **self.fields}

    def ratings(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name in feedback.STATEMENTS}


class FeedbackLinkForm(forms.Form):
    appointment = forms.IntegerField(widget=forms.HiddenInput)
