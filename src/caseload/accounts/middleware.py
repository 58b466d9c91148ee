"""Session limits and two-factor enforcement for signed-in staff."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from caseload.audit.services import audit_record
from caseload.core import clock

LOGIN_AT = "caseload_login_at"
LAST_SEEN = "caseload_last_seen"


class SessionLimitMiddleware:
    """Server-side idle logoff and an absolute session limit, against the one clock.

    The browser's cookie expiry cannot be trusted for this, so both times live in the
    server-side session and are checked on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            expired = self._expired(request)
            if expired:
                # Written out in full so every action can be read from the code
                # (the audit trail's vocabulary is checked against it).
                action = "session.idle" if expired == "idle" else "session.limit"
                audit_record(action=action, actor=request.user, request=request)
                logout(request)
                messages.info(
                    request,
                    _("You were signed out after a period of inactivity.")
                    if expired == "idle"
                    else _("Your session reached its time limit. Please sign in again."),
                )
                # The full path, query string included, encoded into ?next=.
                return redirect_to_login(request.get_full_path())
            request.session[LAST_SEEN] = clock.now().timestamp()
        return self.get_response(request)

    @staticmethod
    def _expired(request) -> str | None:
        now = clock.now().timestamp()
        session = request.session
        login_at = session.setdefault(LOGIN_AT, now)
        last_seen = session.get(LAST_SEEN, now)
        idle = timedelta(minutes=settings.CASELOAD_IDLE_TIMEOUT_MINUTES).total_seconds()
        limit = timedelta(hours=settings.CASELOAD_SESSION_MAX_HOURS).total_seconds()
        if now - last_seen > idle:
            return "idle"
        if now - login_at > limit:
            return "limit"
        return None


# Pages a signed-in but not yet verified user may reach.
_TWO_FACTOR_OPEN = ("accounts:two_factor_verify", "accounts:two_factor_setup", "accounts:logout")


class RequireTwoFactorMiddleware:
    """Once signed in with a password, a user with a second factor must verify it; when
    CASELOAD_REQUIRE_2FA is on, a user without one must enrol before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.open_paths: tuple[str, ...] | None = None

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not self._is_open(request):
            from django_otp import user_has_device

            if user_has_device(user):
                # It suits any page that takes ?next=, not only sign-in: it encodes the path.
                return redirect_to_login(
                    request.get_full_path(), login_url="accounts:two_factor_verify"
                )
            if settings.CASELOAD_REQUIRE_2FA:
                return redirect("accounts:two_factor_setup")
        return self.get_response(request)

    def _is_open(self, request) -> bool:
        if self.open_paths is None:
            self.open_paths = tuple(reverse(name) for name in _TWO_FACTOR_OPEN)
        return request.path in self.open_paths or request.path.startswith(
            (settings.STATIC_URL, "/api/", "/healthz")
        )
