from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from caseload.accounts.forms import ConfirmPasswordMixin
from caseload.privacy.models import (
    SEPARATE_CATEGORY,
    Category,
    ClientTold,
    ConsentKind,
    LegalBasis,
    ReportKind,
)

DISCLOSABLE = [(value, label) for value, label in Category.choices if value != SEPARATE_CATEGORY]


class ConsentTemplateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of consent"), choices=ConsentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("The text the client reads and signs"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Changing the text makes a new version; signed consents keep theirs."),
    )
    valid_for_days = forms.IntegerField(
        label=_("Valid for (days)"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=_("Leave empty for a consent that does not expire."),
    )


class ConsentRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Consent to ask for"), choices=ConsentKind.choices)


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("What the client said (optional)"), max_length=300, required=False
    )


class ReleaseForm(forms.Form):
    recipient = forms.CharField(label=_("Recipient"), max_length=200)
    recipient_contact = forms.CharField(
        label=_("Recipient's address, email or phone"), max_length=300
    )
    categories = forms.MultipleChoiceField(
        label=_("Information the client authorizes"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Psychotherapy notes need a separate release that names them alone."),
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    expires_on = forms.DateField(
        label=_("Expires on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class DiscloseForm(ConfirmPasswordMixin):
    categories = forms.MultipleChoiceField(
        label=_("What to send"), choices=DISCLOSABLE, widget=forms.CheckboxSelectMultiple
    )
    release = forms.TypedChoiceField(
        label=_("Under this release"), coerce=int, required=False, empty_value=None
    )
    legal_basis = forms.ChoiceField(
        label=_("Or, without a release, the legal basis"),
        choices=[("", _("No legal basis: use the release"))] + list(LegalBasis.choices),
        required=False,
    )
    justification = forms.CharField(
        label=_("Justification for the legal basis"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    recipient = forms.CharField(
        label=_("Recipient (when disclosing on a legal basis)"), max_length=200, required=False
    )
    purpose = forms.CharField(
        label=_("Purpose (when disclosing on a legal basis)"), max_length=300, required=False
    )
    field_order = [
        "release",
        "categories",
        "legal_basis",
        "justification",
        "recipient",
        "purpose",
        "your_password",
    ]

    def __init__(self, *args, releases=(), confirming: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not confirming:
            # The first step only checks what is to be sent; the password is asked on
            # the confirmation page that shows it.
            del self.fields["your_password"]
        release_field = cast(forms.TypedChoiceField, self.fields["release"])
        release_field.choices = [("", _("No release"))] + [
            (
                release.pk,
                f"#{release.pk} {release.recipient}: {', '.join(release.category_labels())}",
            )
            for release in releases
        ]


class BreakGlassForm(ConfirmPasswordMixin):
    legal_name = forms.CharField(label=_("Client's full legal name"), max_length=200)
    date_of_birth = forms.DateField(
        label=_("Client's date of birth"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(
        label=_("Reason for emergency access"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=300,
        help_text=_("Everything you open is recorded with this reason and reviewed."),
    )
    field_order = ["legal_name", "date_of_birth", "reason", "your_password"]


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Review"),
        choices=[("appropriate", _("Appropriate")), ("inappropriate", _("Not appropriate"))],
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ExportForm(ConfirmPasswordMixin):
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("pdf", _("Readable PDF")), ("fhir", _("FHIR R4 Bundle (JSON)"))],
    )
    field_order = ["format", "your_password"]


class ReportOpenForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=ReportKind.choices)
    concern = forms.CharField(label=_("The concern"), widget=forms.Textarea(attrs={"rows": 4}))
    jurisdiction = forms.CharField(label=_("Jurisdiction"), max_length=100)
    concern_at = forms.DateTimeField(
        label=_("When the concern arose"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        required=False,
        help_text=_("Leave empty for now. The deadline runs from this moment."),
    )


class ConsultForm(forms.Form):
    step = forms.CharField(widget=forms.HiddenInput, initial="consulted")
    consulted = forms.CharField(label=_("Supervisor consulted"), max_length=200)
    note = forms.CharField(
        label=_("What you agreed"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MadeForm(forms.Form):
    step = forms.CharField(widget=forms.HiddenInput, initial="made")
    agency = forms.CharField(label=_("Agency reported to"), max_length=200)
    person_spoken_to = forms.CharField(label=_("Person spoken to"), max_length=200)
    reported_at = forms.DateTimeField(
        label=_("When the report was made"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    reference = forms.CharField(label=_("Reference number"), max_length=100, required=False)


class ToldForm(forms.Form):
    step = forms.CharField(widget=forms.HiddenInput, initial="told")
    decision = forms.ChoiceField(
        label=_("Is the client told?"), choices=[c for c in ClientTold.choices if c[0]]
    )
    how = forms.CharField(
        label=_("How they were told, or why not"), widget=forms.Textarea(attrs={"rows": 3})
    )


class JurisdictionForm(forms.Form):
    jurisdiction = forms.CharField(label=_("Jurisdiction"), max_length=100)
    hours = forms.IntegerField(label=_("Hours to report"), min_value=1, max_value=24 * 30)
