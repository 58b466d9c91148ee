from django import forms
from django.utils.translation import gettext_lazy as _

from caseload.core.models import PracticeSettings
from caseload.safety.models import AlertAction, CrisisOutcome, RiskAssessment
from caseload.safety.models.assessments import PROTECTIVE_FACTORS, RISK_FACTORS
from caseload.safety.services import ASSESSMENT_FIELDS, PRACTICE_SAFETY_FIELDS


class AcknowledgeForm(forms.Form):
    action_taken = forms.ChoiceField(
        label=_("What did you do?"), choices=AlertAction.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when no action was needed: say why."),
    )

    def clean(self):
        data = super().clean()
        if data.get("action_taken") == AlertAction.NO_ACTION and not data.get("note", "").strip():
            self.add_error("note", _("Say why no action was needed."))
        return data


class DateInput(forms.DateInput):
    input_type = "date"


class RiskAssessmentForm(forms.ModelForm):
    risk_factors = forms.MultipleChoiceField(
        label=_("Risk factors"),
        choices=RISK_FACTORS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    protective_factors = forms.MultipleChoiceField(
        label=_("Protective factors"),
        choices=PROTECTIVE_FACTORS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = RiskAssessment
        fields = ASSESSMENT_FIELDS
        widgets = {
            "thoughts": forms.RadioSelect,
            "plan": forms.RadioSelect,
            "intent": forms.RadioSelect,
            "means": forms.RadioSelect,
            "past_behaviour": forms.RadioSelect,
            "risk_level": forms.RadioSelect,
            "next_review_on": DateInput(),
            **{
                name: forms.Textarea(attrs={"rows": 2})
                for name in (
                    "thoughts_notes",
                    "plan_notes",
                    "intent_notes",
                    "means_notes",
                    "past_behaviour_notes",
                    "risk_factors_notes",
                    "protective_factors_notes",
                    "risk_level_reason",
                )
            },
            "formulation": forms.Textarea(attrs={"rows": 5}),
            "management_plan": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"management_plan": _("Management plan")}  # "Plan" is the question above
        help_texts = {
            "formulation": _(
                "Your understanding of this person's risk: what drives it, what holds it back."
            ),
            "risk_level": _("High or imminent raises a high alert for the care team."),
            "management_plan": _("What will be done, by whom and when."),
        }


class CrisisStartForm(forms.Form):
    summary = forms.CharField(
        label=_("What is happening"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CrisisStepForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CrisisCloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=CrisisOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("About the outcome"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when steps were left undone: say why."),
    )

    def __init__(self, *args, steps_undone: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps_undone = steps_undone

    def clean(self):
        # Asked before the confirmation page, so that page never leads to a refusal; the
        # service checks it again (crisis_event_close).
        data = super().clean()
        if self.steps_undone and not data.get("note", "").strip():
            self.add_error("note", _("Some steps are not done: say why before closing."))
        return data


class FollowUpDoneForm(forms.Form):
    note = forms.CharField(
        label=_("How did it go?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class PracticeSafetyForm(forms.ModelForm):
    class Meta:
        model = PracticeSettings
        fields = PRACTICE_SAFETY_FIELDS
        widgets = {
            "crisis_lines": forms.Textarea(attrs={"rows": 4}),
            "crisis_protocol": forms.Textarea(attrs={"rows": 10}),
        }
