"""The one clock. Every time-dependent rule (idle logoff, expiry, escalation) reads it,
so tests can move time with time-machine and see the rule act."""

import datetime

from django.utils import timezone


def now() -> datetime.datetime:
    return timezone.now()


def today() -> datetime.date:
    return timezone.localdate(now())
