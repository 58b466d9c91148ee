from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from caseload.accounts import two_factor
from caseload.accounts.forms import LoginForm, TokenForm
from caseload.audit.services import audit_record


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


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
    if user_has_device(request.user) and not request.user.is_verified():
        return redirect("accounts:two_factor_verify")
    device = two_factor.pending_totp_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.two_factor_enrol(
            user=request.user, device=device, token=form.cleaned_data["token"], request=request
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
            "has_device": user_has_device(request.user, confirmed=True),
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


def locked_out(request, credentials=None, *args, **kwargs):
    messages.error(request, _("Too many failed sign-in attempts."))
    return render(request, "accounts/locked_out.html", status=429)
