"""Shared builders for the safety plan and client-link tests (synthetic only)."""

from datetime import date

from django.urls import reverse

from caseload.safetyplans import services as plan_services

DOB = date(1990, 5, 17)  # factories.make_client's default

PLAN = {
    "warning_signs": ["I stop answering my phone", "Lying awake past 3am"],
    "coping_alone": ["Cold water on my face", "Walk round the block"],
    "distractions": [{"name": "The climbing wall", "phone": ""}],
    "people_to_ask": [{"name": "My sister Ana", "phone": "(555) 010-0142"}],
    "services": [{"name": "Dr Osei, my GP", "phone": "555 010 0100"}],
    "safer_surroundings": [{"method": "Tablets", "agreed": "Ana keeps them, a week at a time"}],
    "reasons_for_living": ["My daughter", "Finishing my apprenticeship"],
}


def save_plan(client, user, **changes):
    return plan_services.safety_plan_revise(
        acting_user=user, client=client, steps={**PLAN, **changes}
    )


def open_link(http, issued, dob=DOB):
    """Pass the date-of-birth check and return the page the link opens."""
    http.post(reverse("portal:open", args=[issued.token]), {"date_of_birth": dob.isoformat()})
    return http.get(reverse("portal:go", args=[issued.token]))
