"""English (en, en-us, en-gb ...): the formats from settings.py, in place of Django's
("N j, Y" and "P", which read "Dec. 3, 2026" and "2:02 p.m.")."""

from django.conf import settings

DATE_FORMAT = settings.DATE_FORMAT
DATETIME_FORMAT = settings.DATETIME_FORMAT
TIME_FORMAT = settings.TIME_FORMAT
SHORT_DATE_FORMAT = settings.SHORT_DATE_FORMAT
SHORT_DATETIME_FORMAT = settings.SHORT_DATETIME_FORMAT
MONTH_DAY_FORMAT = settings.MONTH_DAY_FORMAT
YEAR_MONTH_FORMAT = settings.YEAR_MONTH_FORMAT
