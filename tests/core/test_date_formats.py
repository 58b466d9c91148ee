"""Dates and times are formatted one way everywhere: templates name a format from
settings (DATE_FORMAT and its family), never spell one out, and Django's English format
file does not override them."""

import re
from datetime import UTC, datetime
from pathlib import Path

from django.template import Context, Template
from django.utils import formats, timezone

import caseload

TEMPLATES = Path(caseload.__file__).parent / "templates"
NAMED = {
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "TIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "MONTH_DAY_FORMAT",
    "YEAR_MONTH_FORMAT",
}
# The exceptions: machine-readable values, never read by a person. ISO 8601 ('c', or
# 'Y-m-d' for a date) in a <time datetime="..."> attribute, a form field's value, or a
# link's query string.
MACHINE_FORMATS = {"c", "Y-m-d", "Y-m-d\\TH:i"}  # the last: a datetime-local field's value
# A calendar's grid shows a date's parts on their own (weekday, day of the month, month
# name) as headings beside a full named-format date; they are parts, not a second format.
CALENDAR_PARTS = {"l", "D", "j", "F"}
MACHINE_PLACES = re.compile(r'(datetime="|value="|\w=)\{\{[^}]*$')  # \w= : a query string
FILTER = re.compile(r"\|(date|time)(?::(\"[^\"]*\"|'[^']*'))?")


def _literal_formats(root=TEMPLATES):
    for path in sorted(root.rglob("*.html")):
        text = path.read_text()
        for match in FILTER.finditer(text):
            spelled = match.group(2)
            if spelled is None or spelled[1:-1] in NAMED | CALENDAR_PARTS:
                continue  # |date alone is DATE_FORMAT
            line_start = text.rfind("\n", 0, match.start()) + 1
            before = text[line_start : match.start()]
            if spelled[1:-1] in MACHINE_FORMATS and MACHINE_PLACES.search(before):
                continue
            line = text.count("\n", 0, match.start()) + 1
            yield f"{path.relative_to(root)}:{line}: {match.group(0)}"


def test_no_template_spells_out_a_date_format():
    assert list(_literal_formats()) == []


def test_the_check_finds_a_spelled_out_format(tmp_path):
    """The check itself can fail: a literal format for people is found, an ISO value in
    an attribute is not."""
    (tmp_path / "page.html").write_text(
        '<time datetime="{{ at|date:\'c\' }}">{{ at|date:"j M Y" }}</time> {{ at|time:"H:i" }}'
    )
    assert list(_literal_formats(tmp_path)) == [
        'page.html:1: |date:"j M Y"',
        'page.html:1: |time:"H:i"',
    ]


def test_english_shows_the_practices_formats_not_djangos():
    moment = timezone.localtime(datetime(2026, 12, 3, 19, 2, tzinfo=UTC))  # 14:02 in New York
    assert formats.date_format(moment, "DATE_FORMAT") == "3 Dec 2026"
    assert formats.date_format(moment, "DATETIME_FORMAT") == "3 Dec 2026, 14:02"
    assert formats.time_format(moment, "TIME_FORMAT") == "14:02"
    rendered = Template('{{ at|date }} / {{ at|date:"DATETIME_FORMAT" }} / {{ at|time }}').render(
        Context({"at": datetime(2026, 12, 3, 19, 2, tzinfo=UTC)})
    )
    assert rendered == "3 Dec 2026 / 3 Dec 2026, 14:02 / 14:02"
