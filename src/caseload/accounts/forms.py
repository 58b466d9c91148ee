from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import password_validators_help_texts
from django.utils.translation import gettext_lazy as _

from caseload.accounts.models import Role, User


class LoginForm(AuthenticationForm):
    error_messages = {
        # One message for every failure: it must not tell whether the username exists.
        "invalid_login": _("That username and password do not match an active account."),
        "inactive": _("That username and password do not match an active account."),
    }


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=_("The 6-digit code from your authenticator app, or a recovery code."),
    )


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form: the current password, then the new one twice, checked against the
    practice's password rules."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The configured rules as plain sentences: Django's help text here is an HTML
        # list, which cannot sit inside the help-text span of includes/form_fields.html.
        self.fields["new_password1"].help_text = " ".join(password_validators_help_texts())


class ConfirmPasswordMixin(forms.Form):
    your_password = forms.CharField(
        label=_("Your own password, to confirm"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, acting_user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.acting_user = acting_user

    def clean_your_password(self):
        password = self.cleaned_data["your_password"]
        if not self.acting_user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class StaffNewForm(forms.Form):
    username = forms.RegexField(regex=r"^[\w.@+-]+$", max_length=150, label=_("Username"))
    first_name = forms.CharField(max_length=150, label=_("First name"))
    last_name = forms.CharField(max_length=150, label=_("Last name"))
    email = forms.EmailField(required=False, label=_("Email"))
    role = forms.ChoiceField(choices=Role.choices, label=_("Role"))
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. Ask them to change it after signing in."),
    )


class StaffProfileForm(forms.Form):
    first_name = forms.CharField(max_length=150, label=_("First name"))
    last_name = forms.CharField(max_length=150, label=_("Last name"))
    email = forms.EmailField(required=False, label=_("Email"))


class RoleChangeForm(ConfirmPasswordMixin):
    role = forms.ChoiceField(choices=Role.choices, label=_("New role"))
    field_order = ["role", "your_password"]


class ConfirmForm(ConfirmPasswordMixin):
    pass


class ReplaceDeviceForm(ConfirmPasswordMixin, TokenForm):
    """Enrolling again replaces a working second factor, so it asks for the password too."""

    field_order = ["token", "your_password"]


class StaffPasswordForm(auth_forms.SetPasswordMixin, ConfirmPasswordMixin):
    """A new password for a staff member, twice, and the admin's own password. The
    password rules are applied by `user_set_password`, against the staff member."""

    new_password1, new_password2 = auth_forms.SetPasswordMixin.create_password_fields(
        label1=_("New password"), label2=_("New password again")
    )
    field_order = ["new_password1", "new_password2", "your_password"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django's rule texts say "your password", which here would mean the admin's.
        self.fields["new_password1"].help_text = _(
            "At least 12 characters, not a common password, not all digits and not too like "
            "their username, name or email."
        )

    def clean(self):
        self.validate_passwords("new_password1", "new_password2")
        return super().clean()


class SupervisionForm(forms.Form):
    supervisor = forms.ModelChoiceField(queryset=None, label=_("Supervisor"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = User.objects.filter(
            role=Role.SUPERVISOR, is_active=True
        )
