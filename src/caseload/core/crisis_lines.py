"""The practice's crisis lines, shown on every client-facing page and safety plan."""

from caseload.core.models import PracticeSettings
from caseload.core.phone import tel_href


def crisis_lines() -> list[dict[str, str]]:
    """The practice's crisis lines, each with a tappable tel: link."""
    return [
        {"label": label, "number": number, "href": tel_href(number)}
        for label, number in PracticeSettings.current().crisis_line_list()
    ]
