from datetime import timedelta

from django.conf import settings
from django.utils.functional import SimpleLazyObject


def caseload(request):
    # Lazy: read from the database only by the pages that show them.
    practice = SimpleLazyObject(_practice)
    return {
        # What clients and staff see as the practice's name: the one an administrator
        # set in the app, else CASELOAD_PRACTICE_NAME (PracticeSettings.current).
        "practice_name": SimpleLazyObject(lambda: practice.practice_name),
        "demo_mode": settings.DEMO,
        # The sign-in pause after too many failures (CASELOAD_LOCKOUT_MINUTES) in whole
        # minutes, for the page django-axes renders (axes itself passes only a timedelta).
        "lockout_minutes": settings.AXES_COOLOFF_TIME // timedelta(minutes=1),
        "practice": practice,
        "crisis_lines": SimpleLazyObject(_crisis_lines),
    }


def _practice():
    from caseload.core.models import PracticeSettings

    return PracticeSettings.current()


def _crisis_lines():
    from caseload.core.crisis_lines import crisis_lines

    return crisis_lines()
