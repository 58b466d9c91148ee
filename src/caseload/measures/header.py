"""The last measure in a client's header: its score, band and the trend since the
episode's baseline (stored on the row by the scoring engine, so one query)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from caseload.clients.models import Client
from caseload.measures import instruments
from caseload.measures.models import MeasureResponse

IMPROVING = ("meaningful_improvement", "reliable_improvement", "recovery", "reliable_recovery")
WORSENING = ("reliable_deterioration", "meaningful_deterioration")


def latest_measure(client: Client) -> dict | None:
    """The client's newest result with its trend, or None before the first one."""
    response = (
        MeasureResponse.objects.filter(client=client).order_by("-completed_at", "-id").first()
    )
    if response is None:
        return None
    return {
        "response": response,
        "name": _instrument_name(response.instrument),
        "trend": _trend(response),
        "url": reverse("measures:client", args=[client.pk]),
    }


def _instrument_name(code: str) -> str:
    try:
        return instruments.get(code).name
    except (KeyError, LookupError, ValueError):
        return code


def _trend(response: MeasureResponse) -> dict | None:
    """The arrow (which way the score moved since the baseline) and its tone (whether
    that is better or worse for this instrument, from the stored change category)."""
    if response.is_baseline or response.baseline_total is None or response.total is None:
        return None
    difference = response.total - response.baseline_total
    arrow = "↑" if difference > 0 else "↓" if difference < 0 else "→"
    if response.change_category in IMPROVING:
        tone, words = "better", _("better than at the start")
    elif response.change_category in WORSENING:
        tone, words = "worse", _("worse than at the start")
    else:
        tone, words = "same", _("no reliable change since the start")
    return {"arrow": arrow, "tone": tone, "words": words, "baseline": response.baseline_total}
