"""FHIR dates and times as caseload reads them."""

from datetime import date, datetime, time

from django.utils import timezone


def when(value) -> datetime | None:
    """A FHIR dateTime or instant as an aware datetime; a bare date is midnight in the
    practice's time zone. Year or year-month only: None (too vague to date a result)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        if len(value) == 10:
            return timezone.make_aware(datetime.combine(date.fromisoformat(value), time()))
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else timezone.make_aware(moment)
