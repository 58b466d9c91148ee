from django import forms
from django.utils.translation import gettext_lazy as _

ACTIONS = [
    ("contacted_client", _("Contacted the client")),
    ("safety_plan_reviewed", _("Reviewed the safety plan with the client")),
    ("emergency_services", _("Called emergency services")),
    ("crisis_event", _("Started a crisis event")),
    ("no_action", _("No action needed (say why)")),
]


class AcknowledgeForm(forms.Form):
    action_taken = forms.ChoiceField(
        label=_("What did you do?"), choices=ACTIONS, widget=forms.RadioSelect
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
        if data.get("action_taken") == "no_action" and not data.get("note", "").strip():
            self.add_error("note", _("Say why no action was needed."))
        return data
