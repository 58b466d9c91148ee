"""Showing a client's own words with what the risk screen matched marked, wherever the
clinician reads them (safety/screening_alerts.py stores the matches)."""

from django import template

from caseload.safety.screening_alerts import attach_screened_parts

register = template.Library()


@register.inclusion_tag("safety/checkins/_screened_flag.html")
def screened_marks(row, field: str) -> dict:
    """When `row.<field>` matched risk language, the text again with the matched words
    marked, under a warning; nothing otherwise. One query."""
    (row,) = attach_screened_parts([row], field)
    return {
        "flagged": getattr(row, f"{field}_flagged"),
        "parts": getattr(row, f"{field}_parts"),
    }
