"""Dates and times for people, in the practice's time zone and its named formats
(settings.DATE_FORMAT and family), for text made in Python: the same words a template's
`|date:"DATE_FORMAT"` gives."""

from datetime import date, datetime, time

from django.utils import formats, timezone


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def show_date(value: date | datetime) -> str:
    """3 Dec 2026."""
    return formats.date_format(_local(value), "DATE_FORMAT")


def show_datetime(value: datetime) -> str:
    """3 Dec 2026, 14:02."""
    return formats.date_format(_local(value), "DATETIME_FORMAT")


def show_time(value: datetime | time) -> str:
    """14:02."""
    return formats.time_format(_local(value), "TIME_FORMAT")
