"""Each role's home page (caseload.today): where sign-in lands, what each shows, that it
shows nothing beyond the door (H-111), never misses an open alert (H-112), and that
reading it is audited like the caseload page."""

from datetime import timedelta

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from caseload.accounts.models import Role, Supervision
from caseload.audit.models import AuditEvent
from caseload.clients.models import ClientStatus
from caseload.core import clock
from caseload.notes import services as note_services
from caseload.notes.models import NoteSettings
from caseload.privacy.models import MandatoryReport
from caseload.safety.models import EscalationLevel
from caseload.safety.services import alert_raise
from caseload.today.homes import TASK_LIMIT
from factories import PASSWORD, make_client, make_user

from .helpers import booking

HOME = reverse("home")

HOME_TEMPLATES = {
    "clinician": "today/clinician.html",
    "supervisor": "today/clinician.html",
    "intake": "today/intake.html",
    "privacy_officer": "today/privacy.html",
    "admin": "today/admin.html",
}


@pytest.mark.parametrize("persona", sorted(HOME_TEMPLATES))
def test_each_role_lands_on_its_home_after_sign_in(persona, request):
    user = request.getfixturevalue(persona)
    http = HttpClient()

    signed_in = http.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    home = http.get(signed_in["Location"])

    assert signed_in.status_code == 302
    assert signed_in["Location"] == HOME
    assert home.status_code == 200
    assert HOME_TEMPLATES[persona] in [template.name for template in home.templates]


def test_the_home_page_asks_anonymous_visitors_to_sign_in(db):
    response = HttpClient().get(HOME)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_today_lists_the_clinicians_appointments_today_and_tomorrow(
    as_user, clinician, client_record
):
    today = booking(client_record, clinician, hour=10)
    tomorrow = booking(client_record, clinician, hour=15, days=1)
    later = booking(client_record, clinician, hour=9, days=3)

    response = as_user(clinician).get(HOME)
    days = response.context["days"]

    assert [list(day.appointments) for day in days] == [[today], [tomorrow]]
    assert later not in days[0].appointments + days[1].appointments
    page = response.content.decode()
    assert f'id="today-appointment-{today.pk}"' in page
    assert f'id="attendance-{today.pk}-attended"' in page
    # Attendance is recorded on the day: tomorrow's row has no buttons yet.
    assert f'id="attendance-{tomorrow.pk}-attended"' not in page


def test_h111_today_never_shows_another_clinicians_client(as_user, clinician, outsider):
    """H-111: an appointment or an alert of a client the clinician does not treat never
    appears on their Today; the treating clinician's Today has both."""
    theirs = make_client(primary=outsider, legal_name="Quentin Elsewhere")
    booking(theirs, outsider, hour=11)
    alert_raise(client=theirs, severity="high", source="measure", reason="PHQ-9 item 9")

    mine = as_user(clinician).get(HOME)
    treating = as_user(outsider).get(HOME)

    assert "Quentin Elsewhere" not in mine.content.decode()
    assert mine.context["alerts"] == []
    assert all(not day.appointments for day in mine.context["days"])
    assert "Quentin Elsewhere" in treating.content.decode()
    assert len(treating.context["alerts"]) == 1


def test_h111_a_supervisor_sees_a_supervisees_alert_only_once_it_escalates(
    as_user, supervisor, client_record
):
    """H-111: the team view follows the alert rule of the door (clients.access): a
    supervisee's client's alert reaches the supervisor when it escalates, not before."""
    alert = alert_raise(client=client_record, severity="high", source="measure", reason="Item 9")

    before = as_user(supervisor).get(HOME).context
    alert.escalation_level = EscalationLevel.SUPERVISOR
    alert.save(update_fields=["escalation_level"])
    after = as_user(supervisor).get(HOME).context

    assert before["team_alerts"] == [] and before["alerts"] == []
    assert after["team_alerts"] == [alert]
    assert after["alerts"] == []  # not one of the supervisor's own clients


def test_h112_an_open_high_alert_of_an_own_client_always_appears_first(
    as_user, clinician, client_record
):
    """H-112: a missed alert is the worst bug. However many alerts are open, every one is
    on Today (the list is never cut short like the task lists), high before moderate,
    and the high one links to the alert."""
    for number in range(TASK_LIMIT + 5):
        alert_raise(
            client=client_record, severity="moderate", source="checkin", reason=f"Low {number}"
        )
    discharged = make_client(primary=clinician, legal_name="Dana Former", status="discharged")
    high = alert_raise(client=discharged, severity="high", source="measure", reason="Item 9")

    response = as_user(clinician).get(HOME)
    alerts = response.context["alerts"]

    assert len(alerts) == TASK_LIMIT + 6
    assert alerts[0] == high
    assert reverse("safety:alert", args=[high.pk]) in response.content.decode()
    assert response.content.decode().count('data-testid="today-alert"') == TASK_LIMIT + 6


def test_h112_an_acknowledged_alert_leaves_today(as_user, clinician, client_record):
    alert = alert_raise(client=client_record, severity="high", source="measure", reason="Item 9")
    alert.state = "acknowledged"
    alert.save(update_fields=["state"])

    assert as_user(clinician).get(HOME).context["alerts"] == []


def test_tasks_list_notes_to_sign_overdue_first_and_co_signatures_for_a_supervisor(
    as_user, clinician, supervisor, client_record
):
    NoteSettings.objects.create(user=clinician, needs_cosign=True)
    recent = note_services.note_create(
        acting_user=clinician,
        client=client_record,
        kind="progress",
        occurred_at=clock.now() - timedelta(hours=2),
        sections={"data": "Slept better."},
    )
    old = note_services.note_create(
        acting_user=clinician,
        client=client_record,
        kind="progress",
        occurred_at=clock.now() - timedelta(days=10),
        sections={"data": "Slept badly."},
    )

    clinician_tasks = as_user(clinician).get(HOME).context["tasks"]
    note_services.note_sign(acting_user=clinician, note=old, version=old.version)
    supervisor_tasks = as_user(supervisor).get(HOME).context["tasks"]

    assert [note.pk for note in clinician_tasks["notes_to_sign"]] == [old.pk, recent.pk]
    assert [note.is_overdue for note in clinician_tasks["notes_to_sign"]] == [True, False]
    assert clinician_tasks["cosigns"] == []
    assert [note.pk for note in supervisor_tasks["cosigns"]] == [old.pk]


def test_clients_needing_attention_are_the_own_clients_with_a_warning(
    as_user, clinician, client_record
):
    booking(client_record, clinician, hour=9, days=-3).__class__.objects.filter(
        client=client_record
    ).update(attendance="no_show")
    quiet = make_client(primary=clinician, legal_name="Quiet Client")

    attention = as_user(clinician).get(HOME).context["attention"]

    assert [client.pk for client in attention] == [client_record.pk]
    assert quiet.pk not in [client.pk for client in attention]


def test_reading_a_home_page_is_audited_with_the_clients_it_names(
    as_user, clinician, client_record, outsider
):
    booking(client_record, clinician, hour=10)
    make_client(primary=outsider, legal_name="Not Listed")

    as_user(clinician).get(HOME)
    event = AuditEvent.objects.filter(action="home.view", actor=clinician).latest("id")

    assert event.detail["client_ids"] == [client_record.pk]


def test_intake_home_lists_referrals_unassigned_clients_and_todays_intakes(
    as_user, intake, clinician
):
    referral = make_client(acting_user=intake, legal_name="Rae Ferral", status="referral")
    assigned = make_client(primary=clinician, legal_name="Has Clinician")
    booking(assigned, clinician, hour=14, kind="intake")

    context = as_user(intake).get(HOME).context

    assert list(context["referrals"]) == [referral]
    assert [client.pk for client in context["unassigned"]] == [referral.pk]
    assert [appointment.client_id for appointment in context["intakes"]] == [assigned.pk]


def test_privacy_home_lists_reports_to_make_by_client_number_only(
    as_user, privacy_officer, clinician, client_record
):
    report = MandatoryReport.objects.create(
        client=client_record,
        reporter=clinician,
        kind="child",
        concern="Synthetic concern",
        jurisdiction="Ontario",
        concern_at=clock.now() - timedelta(hours=30),
        due_at=clock.now() - timedelta(hours=6),
    )

    response = as_user(privacy_officer).get(HOME)
    page = response.content.decode()

    assert list(response.context["reports"]) == [report]
    assert f"#{client_record.pk}" in page
    assert "Jordan Rivera" not in page  # the privacy officer reads no client's name here
    assert reverse("audit:search") in page


def test_admin_home_is_directory_only(as_user, admin, clinician, client_record):
    """H-009's rule on the admin's home: staff figures and settings, no client at all."""
    make_user("gone", Role.CLINICIAN, is_active=False)

    response = as_user(admin).get(HOME)
    page = response.content.decode()
    by_role = {row.role: row.active for row in response.context["staff"].by_role}

    assert "Jordan Rivera" not in page and "Jo " not in page
    assert by_role[Role.CLINICIAN] == 2  # the treating clinician and the colleague
    assert by_role[Role.ADMIN] == 1
    assert response.context["staff"].inactive == 1
    assert reverse("safety:practice_settings") in page


def test_a_supervisors_team_view_has_each_supervisees_figures(
    as_user, supervisor, clinician, client_record
):
    discharged = make_client(primary=clinician, status=ClientStatus.DISCHARGED)
    other = make_user("second", Role.CLINICIAN)
    Supervision.objects.create(supervisor=supervisor, supervisee=other)
    assert discharged.pk

    team = as_user(supervisor).get(HOME).context["team"]
    figures = {member.person.pk: (member.clients, member.overdue_notes) for member in team}

    assert figures == {clinician.pk: (1, 0), other.pk: (0, 0)}
