"""The results table's rows, their text prepared once in Python: the chart page lists
every result (300 and more), and printing prepared strings keeps it fast."""

from dataclasses import dataclass

from django.utils import timezone

from caseload.core.dates import show_date
from caseload.measures.models import ITEMS_NOT_KNOWN, MeasureResponse, ResponseSource

# Reliably worse is shown as a danger badge; a clinically meaningful worsening that is not
# (or cannot be shown to be) reliable as a warning, so neither passes unnoticed.
CHANGE_CSS = {"reliable_deterioration": "danger", "meaningful_deterioration": "warning"}


@dataclass(frozen=True)
class ResultRow:
    completed_at: str  # ISO 8601 for <time datetime>
    completed_label: str
    score: str
    band: str
    change: str
    change_css: str  # "danger" reliably worse, "warning" meaningfully worse, "" otherwise
    source: str
    flags: list[tuple[str, str]]  # (reason, badge css)
    note: str


def result_rows(responses: list[MeasureResponse]) -> list[ResultRow]:
    sources = {value: str(label) for value, label in ResponseSource.choices}
    return [_row(response, sources) for response in responses]


def _row(response: MeasureResponse, sources: dict[str, str]) -> ResultRow:
    when = timezone.localtime(response.completed_at)
    score = "not scored" if response.total is None else f"{response.total:g}"
    if response.prorated:
        score += " (prorated)"
    if not response.items_known:
        score += f" ({ITEMS_NOT_KNOWN})"
    change = "Baseline" if response.is_baseline else (response.change_label or "–")
    return ResultRow(
        completed_at=when.isoformat(),
        completed_label=show_date(when),
        score=score,
        band=response.band_label or "–",
        change=change,
        change_css=CHANGE_CSS.get(response.change_category, ""),
        source=sources.get(response.source, response.source),
        flags=[
            (flag["reason"], "danger" if flag.get("is_risk") else "info")
            for flag in response.flags
        ],
        note=response.missing_note,
    )
