"""The demo practice seeds at any hour. `make run` seeds on first start, so a rule that
holds only at some times of day (a session that began a minute ago recorded as begun
fifteen minutes late, in the future) stops a new user's first start and CI alike."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.test.utils import override_settings

from caseload.clients.models import Appointment
from caseload.demo import synthetic
from caseload.notes.models import Note

pytestmark = pytest.mark.django_db

# A minute past each hour the demo books sessions at (synthetic._appointments), on a
# weekday, when today's sessions have just begun; then around midnight.
HOURS = [(9, 1), (10, 1), (11, 1), (13, 1), (14, 1), (15, 1), (16, 1), (0, 1), (23, 59)]


@pytest.mark.parametrize(("hour", "minute"), HOURS, ids=[f"{h:02}:{m:02}" for h, m in HOURS])
def test_demo_practice_seeds_at_any_hour(hour, minute):
    moment = datetime(2026, 12, 2, hour, minute, tzinfo=ZoneInfo(settings.TIME_ZONE))
    passwords = {username: "demo-password-123" for username, *_ in synthetic.STAFF}
    with (
        time_machine.travel(moment, tick=False),
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
    ):
        staff = synthetic.seed_staff(passwords)
        clinicians = [staff[name] for name in ("clinician", "clinician2", "clinician3")]
        clients = synthetic.seed_clients(24, [*clinicians, staff["supervisor"]])
        synthetic.seed_capabilities(staff=staff, clients=clients)

        # Every clinician's home page has sessions today to record, whatever the hour.
        for clinician in clinicians:
            today = Appointment.objects.filter(
                clinician=clinician, starts_at__date=moment.date(), attendance="scheduled"
            )
            assert today.exists(), clinician.username

        # Nothing recorded as begun after the moment of seeding.
        assert not Appointment.objects.filter(started_at__gt=moment).exists()
        assert Note.objects.exists()
