"""Reads write nothing: a row that does not exist yet is made by an explicit, audited
service, never by a page that only reads (H-121; H-002: every change leaves its trace)."""

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from caseload.accounts import two_factor
from caseload.audit.models import AuditEvent
from caseload.core.models import PracticeSettings
from caseload.safety.services import practice_settings_update
from caseload.wellbeing.models import WorkloadSettings
from caseload.wellbeing.services import workload_settings_save

from .auth_helpers import audit_actions


def test_reading_the_practice_settings_writes_nothing(db, admin):
    practice = PracticeSettings.current()
    assert practice.pk == 1 and practice._state.adding
    assert not PracticeSettings.objects.exists()
    assert not AuditEvent.objects.filter(action="practice_settings.update").exists()


def test_h002_the_first_practice_settings_save_creates_the_row_with_its_event(db, admin):
    practice_settings_update(acting_user=admin, changes={"on_call_email": "oncall@example.org"})
    stored = PracticeSettings.objects.get()
    assert stored.pk == 1 and stored.on_call_email == "oncall@example.org"
    event = AuditEvent.objects.get(action="practice_settings.update")
    assert event.actor_id == admin.pk and event.detail == {"fields": ["on_call_email"]}
    practice_settings_update(acting_user=admin, changes={"on_call_email": "other@example.org"})
    assert PracticeSettings.objects.get().on_call_email == "other@example.org"
    assert PracticeSettings.objects.count() == 1


def test_h002_workload_thresholds_are_read_without_a_write_and_saved_with_an_event(db, admin):
    assert WorkloadSettings.current().caseload_capacity == 25
    assert not WorkloadSettings.objects.exists()
    workload_settings_save(acting_user=admin, changes={"caseload_capacity": 30})
    assert WorkloadSettings.objects.get().caseload_capacity == 30
    assert AuditEvent.objects.get(action="workload.settings").detail == {"caseload_capacity": 30}


def test_h002_starting_an_enrolment_is_one_audited_device(clinician, as_user):
    http = as_user(clinician)
    url = reverse("accounts:two_factor_setup")
    assert two_factor.pending_totp_device(clinician) is None
    assert http.get(url).status_code == 200
    device = two_factor.pending_totp_device(clinician)
    assert device is not None and not device.confirmed
    assert audit_actions(actor=clinician).count("two_factor.start") == 1
    # Coming back to the page reads the same device and writes nothing.
    assert http.get(url).status_code == 200
    assert list(TOTPDevice.objects.filter(user=clinician)) == [device]
    assert audit_actions(actor=clinician).count("two_factor.start") == 1
