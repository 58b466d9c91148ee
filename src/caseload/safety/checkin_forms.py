"""The check-in forms: the client's, through their link, and the one staff use for a
check-in that came another way."""

from django import forms
from django.utils.translation import gettext_lazy as _

from caseload.safety.models import CheckinChannel

SCALE_CHOICES = [(value, str(value)) for value in range(11)]
SCALE_HELP = {
    "mood": _("0 = very low, 10 = very good"),
    "sleep": _("0 = hardly slept, 10 = slept very well"),
    "stress": _("0 = no stress, 10 = the most stressed I have been"),
}


class ScaleField(forms.TypedChoiceField):
    def __init__(self, *, label, required=True):
        super().__init__(
            label=label,
            choices=SCALE_CHOICES,
            coerce=int,
            required=required,
            empty_value=None,
            widget=forms.RadioSelect,
        )


class ClientCheckinForm(forms.Form):
    """What the client fills in through their link. The scales are radio buttons in a
    fieldset (templates/safety/checkins/_scales.html): usable by keyboard and screen
    reader, and big enough to tap."""

    mood = ScaleField(label=_("How has your mood been?"))
    sleep = ScaleField(label=_("How have you been sleeping?"))
    stress = ScaleField(label=_("How stressed have you felt?"))
    text = forms.CharField(
        label=_("Anything you want your care team to know"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def scales(self):
        return [(self[name], SCALE_HELP[name]) for name in ("mood", "sleep", "stress")]


class StaffCheckinForm(ClientCheckinForm):
    """A check-in that reached the team another way (a text message, a voicemail)."""

    channel = forms.ChoiceField(
        label=_("How it came in"),
        choices=[c for c in CheckinChannel.choices if c[0] != CheckinChannel.LINK],
    )
    text = forms.CharField(
        label=_("What the client said, in their words"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A voicemail may say nothing about sleep: the scales are optional here, as a
        # list with "not said" first rather than radio buttons that cannot be cleared.
        for name in ("mood", "sleep", "stress"):
            field = self.fields[name]
            field.required = False
            field.choices = [("", _("not said"))] + SCALE_CHOICES
            field.widget = forms.Select(choices=field.choices)
            field.help_text = SCALE_HELP[name]
        self.order_fields(["channel", "text", "mood", "sleep", "stress"])
