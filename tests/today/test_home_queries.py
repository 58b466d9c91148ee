"""Each home page costs a fixed number of queries, whatever the size of the caseload
(STYLE.md: count queries on list pages). Measured at two sizes with the same data per
client; the figures are the budget, so a query added per row fails here."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from caseload.accounts.models import Role
from caseload.clients.models import Appointment
from caseload.core import clock
from caseload.notes import services as note_services
from caseload.safety.services import alert_raise
from factories import make_client, make_user

from .helpers import booking

# Twelve of each are the frame of any signed-in page here: the session (read and saved),
# the user, their two-factor devices and the audit event with its hash chain; the rest
# is the home itself (the admin's: one grouped count of the staff).
# Every role: one more for the practice's name in the frame's top bar and title;
# clinicians and supervisors: one more for the sidebar's count beside My tasks.
BUDGET = {
    Role.CLINICIAN: 36,  # caseload_rows: one query per signal rule (bench/README.md)
    Role.SUPERVISOR: 28,
    Role.INTAKE: 16,
    Role.PRIVACY_OFFICER: 17,  # the audit trail's own form lists the staff once
    Role.ADMIN: 14,
}


def _caseload(size: int, clinician, intake):
    for number in range(size):
        client = make_client(primary=clinician, legal_name=f"Client {number:03}")
        booking(client, clinician, hour=10)
        booking(client, clinician, hour=11, days=1)
        booking(client, clinician, hour=12, kind="intake")
        make_client(acting_user=intake, legal_name=f"Referral {number:03}", status="referral")
        alert_raise(client=client, severity="high", source="measure", reason="Item 9")
        note_services.note_create(
            acting_user=clinician,
            client=client,
            kind="progress",
            occurred_at=clock.now(),
            sections={"data": "Synthetic."},
        )
        Appointment.objects.filter(client=client, starts_at__lt=clock.now()).update(
            attendance="no_show"
        )


def _count(http) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = http.get(reverse("home"))
    assert response.status_code == 200
    return len(queries), len(response.content)


@pytest.mark.parametrize("role", sorted(BUDGET))
def test_a_home_page_is_a_fixed_number_of_queries(role, as_user, clinician, supervisor, intake):
    person = {Role.CLINICIAN: clinician, Role.SUPERVISOR: supervisor, Role.INTAKE: intake}.get(
        role
    ) or make_user(f"home-{role}", role)
    http = as_user(person)

    _caseload(2, clinician, intake)
    small, small_size = _count(http)
    _caseload(12, clinician, intake)
    large, large_size = _count(http)

    assert small == large == BUDGET[role], (small, large)
    if role in (Role.CLINICIAN, Role.INTAKE):
        assert large_size > small_size  # the larger caseload is on the page
