from datetime import timedelta

from django.conf import settings


def caseload(request):
    return {
        "practice_name": settings.CASELOAD_PRACTICE_NAME,
        "demo_mode": settings.DEMO,
        # The sign-in pause after too many failures (CASELOAD_LOCKOUT_MINUTES) in whole
        # minutes, for the page django-axes renders (axes itself passes only a timedelta).
        "lockout_minutes": settings.AXES_COOLOFF_TIME // timedelta(minutes=1),
    }
