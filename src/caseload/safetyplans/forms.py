from django import forms
from django.utils.translation import gettext_lazy as _

from caseload.safetyplans import content as plan_content


class SafetyPlanForm(forms.Form):
    """One box per step, one entry a line (plan_content.parse_lines reads them)."""

    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for step in plan_content.STEPS:
            self.fields[step.key] = forms.CharField(
                label=f"{step.number}. {step.title}",
                help_text=step.prompt,
                required=False,
                max_length=plan_content.MAX_ENTRIES * (plan_content.MAX_LENGTH + 40),
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        self.fields["note"] = forms.CharField(
            label=_("What changed, and why (optional)"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2}),
        )

    @staticmethod
    def initial_from(steps: dict, number: int) -> dict:
        initial = {"based_on": number}
        for step in plan_content.STEPS:
            initial[step.key] = plan_content.to_lines(step, steps.get(step.key, []))
        return initial

    def steps(self) -> dict:
        return {
            step.key: plan_content.parse_lines(step, self.cleaned_data.get(step.key, ""))
            for step in plan_content.STEPS
        }
