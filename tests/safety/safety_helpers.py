"""Shared values for the safety tests (import as `from safety_helpers import ...`)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from caseload.core import clock

NEW_YORK = ZoneInfo("America/New_York")
# A Wednesday mid-morning in the practice's time zone (settings.TIME_ZONE).
WEDNESDAY_10AM = datetime(2026, 3, 4, 10, 0, tzinfo=NEW_YORK)


def assessment_fields(**overrides) -> dict:
    fields = {
        "thoughts": "active",
        "thoughts_notes": "Says the thoughts come most nights.",
        "plan": "vague",
        "plan_notes": "",
        "intent": "ambivalent",
        "intent_notes": "",
        "means": "some",
        "means_notes": "Medication at home.",
        "past_behaviour": "attempt",
        "past_behaviour_notes": "",
        "risk_factors": ["hopelessness", "isolation"],
        "risk_factors_notes": "",
        "protective_factors": ["support"],
        "protective_factors_notes": "",
        "formulation": "Loss of work and a breakup; thoughts rise when alone at night.",
        "risk_level": "high",
        "risk_level_reason": "Active thoughts with some access to means.",
        "management_plan": "Means safety with sister; call tomorrow; session Friday.",
        "next_review_on": clock.today() + timedelta(days=7),
    }
    fields.update(overrides)
    return fields
