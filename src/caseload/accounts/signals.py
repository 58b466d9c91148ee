"""Every login, failed login and logout is an audit event."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from caseload.accounts.middleware import LAST_SEEN, LOGIN_AT
from caseload.audit.services import audit_record
from caseload.core import clock


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    now = clock.now().timestamp()
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = now
        request.session[LAST_SEEN] = now
    audit_record(action="login.success", actor=user, request=request)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    # Record the attempted name, never whether it exists.
    known = get_user_model().objects.filter(username=username).first()
    audit_record(
        action="login.failure",
        actor=known,
        request=request,
        detail={"username": username},
    )


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action="logout", actor=user, request=request)
