from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from caseload.accounts import services, two_factor
from caseload.accounts.forms import LoginForm, PasswordChangeForm, ReplaceDeviceForm, TokenForm
from caseload.audit.services import audit_record


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change your own password: the current one, then the new one twice."""

    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        # Not super().form_valid: its form.save() would write the password outside the
        # service, and so outside the transaction that holds the audit event.
        user = services.user_change_password(
            acting_user=self.request.user,
            password=form.cleaned_data["new_password1"],
            request=self.request,
        )
        # The new hash signs out every other session; this one is kept.
        update_session_auth_hash(self.request, user)
        messages.success(self.request, _("Your password has been changed."))
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


def _next_url(request, default="clients:caseload"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    if request.user.is_verified() or not user_has_device(request.user):
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            audit_record(
                action="two_factor.success",
                request=request,
                detail={"device": type(device).__name__},
            )
            return redirect(_next_url(request))
        audit_record(action="two_factor.failure", request=request)
        form.add_error("token", _("That code is not valid. Try the newest code from your app."))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next_url(request, "")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    replacing = user_has_device(request.user)  # a confirmed device
    if replacing and not request.user.is_verified():
        return redirect("accounts:two_factor_verify")
    device = two_factor.pending_totp_device(request.user)
    if device is None:
        device = services.two_factor_device_start(acting_user=request.user, request=request)
    # Replacing a working second factor is a dangerous action (someone at a computer left
    # signed in could put their own phone in its place), so it asks for the password;
    # a first enrolment replaces nothing and asks for no more than the code.
    if replacing:
        form = ReplaceDeviceForm(request.POST or None, acting_user=request.user)
    else:
        form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.two_factor_enrol(
            acting_user=request.user,
            device=device,
            token=form.cleaned_data["token"],
            request=request,
        )
        if codes is not None:
            otp_login(request, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
        form.add_error(
            "token",
            _("That code did not match. Check your phone's clock and enter the newest code."),
        )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_data_uri": two_factor.qr_data_uri(device),
            "secret": device.key,
            "has_device": replacing,
        },
        status=400 if form.errors else 200,
    )


@login_required
def account(request):
    return render(
        request,
        "accounts/account.html",
        {
            "has_device": user_has_device(request.user, confirmed=True),
            "tokens": request.user.api_tokens.filter(revoked_at__isnull=True),
        },
    )
