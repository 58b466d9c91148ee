"""The demo practice never double-books a clinician (H-105): the booking rule refuses a
clash, and the demo's history, written in bulk, keeps to it too."""

import pytest
from django.test.utils import override_settings

from caseload.clients.booking import CANCELLED, clashes_with
from caseload.clients.models import Appointment
from caseload.demo import synthetic

pytestmark = pytest.mark.django_db


def test_h105_the_demo_practice_has_no_double_booking():
    passwords = {username: "demo-password-123" for username, *_ in synthetic.STAFF}
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        staff = synthetic.seed_staff(passwords)
        clinicians = [staff[name] for name in ("clinician", "clinician2", "clinician3")]
        # More clients per clinician than the demo's 24, so collisions would be certain.
        synthetic.seed_clients(60, [*clinicians, staff["supervisor"]])
    held = Appointment.objects.exclude(attendance__in=CANCELLED).select_related("clinician")
    assert held.count() > 300
    clashing = [
        appointment.pk
        for appointment in held
        if clashes_with(
            clinician=appointment.clinician,
            starts_at=appointment.starts_at,
            duration_minutes=appointment.duration_minutes,
            exclude_ids=[appointment.pk],
        )
    ]
    assert clashing == []
