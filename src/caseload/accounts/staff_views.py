"""The admin's pages: staff accounts, roles, supervision and API tokens. No clinical
content is shown here."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from caseload.accounts import services
from caseload.accounts.decorators import role_required
from caseload.accounts.forms import (
    ConfirmForm,
    RoleChangeForm,
    StaffNewForm,
    StaffPasswordForm,
    StaffProfileForm,
    SupervisionForm,
)
from caseload.accounts.models import ApiToken, Role, Supervision, User
from caseload.core.forms import run_service

admin_only = role_required(Role.ADMIN)


@admin_only
def staff_list(request):
    staff = User.objects.prefetch_related("supervisors").order_by("-is_active", "last_name")
    return render(request, "accounts/staff_list.html", {"staff": staff})


@admin_only
@require_http_methods(["GET", "POST"])
def staff_new(request):
    form = StaffNewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = run_service(
            form,
            services.user_create,
            acting_user=request.user,
            request=request,
            **form.cleaned_data,
        )
        if user is not None:
            messages.success(request, _("Account created for %(name)s.") % {"name": user})
            return redirect("staff:detail", user_id=user.pk)
    return render(
        request, "accounts/staff_new.html", {"form": form}, status=400 if form.errors else 200
    )


@admin_only
@require_http_methods(["GET", "POST"])
def staff_detail(request, user_id):
    member = get_object_or_404(User, pk=user_id)
    form = StaffProfileForm(
        request.POST or None,
        initial={
            "first_name": member.first_name,
            "last_name": member.last_name,
            "email": member.email,
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            services.user_update_profile,
            acting_user=request.user,
            user=member,
            request=request,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("Saved."))
        return redirect("staff:detail", user_id=member.pk)
    return render(
        request,
        "accounts/staff_detail.html",
        {
            "member": member,
            "form": form,
            # Several forms here share field names (your_password), so each gets its own
            # ids; the names, and so what the action views read, stay the same.
            "role_form": RoleChangeForm(
                acting_user=request.user, initial={"role": member.role}, auto_id="role_%s"
            ),
            "password_form": StaffPasswordForm(acting_user=request.user, auto_id="password_%s"),
            "active_form": ConfirmForm(acting_user=request.user, auto_id="active_%s"),
            "two_factor_form": ConfirmForm(acting_user=request.user, auto_id="two_factor_%s"),
            "supervision_form": SupervisionForm(),
            "supervisors": member.supervision_by.select_related("supervisor"),
            "supervisees": member.supervision_of.select_related("supervisee"),
            "tokens": member.api_tokens.all(),
        },
        status=400 if form.errors else 200,
    )


def _confirmed_action(request, member, form, service, success, **kwargs):
    if (
        form.is_valid()
        and run_service(form, service, acting_user=request.user, request=request, **kwargs)
        is not None
    ):
        messages.success(request, success)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("staff:detail", user_id=member.pk)


@admin_only
@require_POST
def staff_role(request, user_id):
    member = get_object_or_404(User, pk=user_id)
    form = RoleChangeForm(request.POST, acting_user=request.user)
    return _confirmed_action(
        request,
        member,
        form,
        services.user_change_role,
        _("Role changed."),
        user=member,
        role=request.POST.get("role", ""),
    )


@admin_only
@require_POST
def staff_active(request, user_id):
    member = get_object_or_404(User, pk=user_id)
    form = ConfirmForm(request.POST, acting_user=request.user)
    active = request.POST.get("active") == "1"
    return _confirmed_action(
        request,
        member,
        form,
        services.user_set_active,
        _("Account activated.") if active else _("Account deactivated."),
        user=member,
        active=active,
    )


@admin_only
@require_POST
@sensitive_post_parameters()
def staff_password(request, user_id):
    member = get_object_or_404(User, pk=user_id)
    form = StaffPasswordForm(request.POST, acting_user=request.user)
    response = _confirmed_action(
        request,
        member,
        form,
        services.user_set_password,
        _("Password set. They are signed out everywhere; give them the new one privately."),
        user=member,
        password=form.data.get("new_password1", ""),
    )
    if member.pk == request.user.pk and form.is_valid():
        # An admin setting their own password here stays signed in on this computer.
        update_session_auth_hash(request, member)
    return response


@admin_only
@require_POST
def staff_two_factor_reset(request, user_id):
    member = get_object_or_404(User, pk=user_id)
    form = ConfirmForm(request.POST, acting_user=request.user)
    if form.is_valid():
        services.two_factor_reset(acting_user=request.user, user=member, request=request)
        messages.success(request, _("Two-factor reset; they will enrol again at sign-in."))
    else:
        messages.error(request, _("That is not your password."))
    return redirect("staff:detail", user_id=member.pk)


@admin_only
@require_POST
def supervision_add(request, user_id):
    member = get_object_or_404(User, pk=user_id)
    form = SupervisionForm(request.POST)
    if form.is_valid():
        run_service(
            form,
            services.supervision_add,
            acting_user=request.user,
            supervisor=form.cleaned_data["supervisor"],
            supervisee=member,
            request=request,
        )
    for error in form.non_field_errors() + form.errors.get("supervisor", []):
        messages.error(request, error)
    if not form.errors:
        messages.success(request, _("Supervision added."))
    return redirect("staff:detail", user_id=member.pk)


@admin_only
@require_POST
def supervision_remove(request, user_id, link_id):
    link = get_object_or_404(Supervision, pk=link_id, supervisee_id=user_id)
    services.supervision_remove(acting_user=request.user, link=link, request=request)
    messages.success(request, _("Supervision ended."))
    return redirect("staff:detail", user_id=user_id)


@admin_only
@require_POST
def token_revoke(request, user_id, token_id):
    token = get_object_or_404(ApiToken, pk=token_id, user_id=user_id)
    services.api_token_revoke(acting_user=request.user, token=token, request=request)
    messages.success(request, _("API token revoked."))
    return redirect("staff:detail", user_id=user_id)
