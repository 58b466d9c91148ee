"""The boundary log and the supervision log.

Hazards guarded: a boundary reflection seen by anyone but its author before they bring
it to supervision; a supervision session linking a client the supervisor may not see
(H-001); a supervision record read by someone outside it."""

import datetime

import pytest
from django.urls import reverse

from caseload.audit.models import AuditEvent
from caseload.wellbeing.models import ActionItem, BoundaryEvent, SupervisionSession
from caseload.wellbeing.services import boundary_record
from factories import make_client

TODAY = "2026-11-26"


@pytest.fixture
def gift(thursday, client_record, clinician):
    return boundary_record(
        acting_user=clinician,
        client=client_record,
        kind="gift",
        occurred_on=datetime.date(2026, 11, 20),
        reflection="Offered a hand-knitted scarf; I accepted, unsure.",
        discuss_in_supervision=True,
    )


def test_recording_a_boundary_entry_through_the_page(thursday, client_record, clinician, as_user):
    http = as_user(clinician)
    response = http.post(
        reverse("wellbeing:boundaries"),
        {
            "client": client_record.pk,
            "kind": "social_media",
            "occurred_on": "2026-11-25",
            "reflection": "Asked to follow me on Instagram; I said no, kindly.",
            "discuss_in_supervision": "on",
        },
    )
    assert response.status_code == 302
    event = BoundaryEvent.objects.get()
    assert event.professional == clinician and event.waiting_for_supervision
    page = http.get(reverse("wellbeing:boundaries")).content.decode()
    assert "Instagram" in page and "Waiting for supervision" in page
    assert AuditEvent.objects.filter(action="boundary.record").exists()


def test_a_boundary_entry_for_a_client_not_yours_is_refused(
    thursday, outsider, colleague, as_user
):
    other = make_client(primary=colleague, legal_name="Not Theirs")
    response = as_user(outsider).post(
        reverse("wellbeing:boundaries"),
        {"client": other.pk, "kind": "gift", "occurred_on": "2026-11-25"},
    )
    assert response.status_code == 400  # not among the choices
    assert not BoundaryEvent.objects.exists()


def test_a_boundary_entry_in_the_future_is_refused(thursday, client_record, clinician, as_user):
    response = as_user(clinician).post(
        reverse("wellbeing:boundaries"),
        {"client": client_record.pk, "kind": "gift", "occurred_on": "2026-12-25"},
    )
    assert response.status_code == 400
    assert not BoundaryEvent.objects.exists()


def test_others_do_not_see_the_reflection(gift, colleague, supervisor, as_user):
    for person in (colleague, supervisor):
        page = as_user(person).get(reverse("wellbeing:boundaries")).content
        assert b"scarf" not in page


def test_only_the_author_can_flag_an_entry(gift, colleague, clinician, as_user):
    url = reverse("wellbeing:boundary_flag", args=[gift.pk])
    assert as_user(colleague).post(url, {"discuss": "0"}).status_code == 404
    assert as_user(clinician).post(url, {"discuss": "0"}).status_code == 302
    gift.refresh_from_db()
    assert not gift.discuss_in_supervision


def test_supervisor_records_a_session_with_cases_items_and_nudges(
    gift, client_record, clinician, supervisor, as_user
):
    http = as_user(supervisor)
    url = reverse("wellbeing:supervision_new", args=[clinician.pk])
    form_page = http.get(url)
    assert form_page.status_code == 200
    assert b"Jordan Rivera" in form_page.content  # a case the supervisor may see
    response = http.post(
        url,
        {
            "held_on": TODAY,
            "cases": [client_record.pk],
            "boundary_items": [gift.pk],
            "notes": "Talked about gifts and the agency's policy.",
        },
    )
    assert response.status_code == 302
    session = SupervisionSession.objects.get()
    assert list(session.cases.all()) == [client_record]
    gift.refresh_from_db()
    assert gift.discussed_in == session and not gift.waiting_for_supervision
    # The case was opened through the door: audited with its purpose.
    assert AuditEvent.objects.filter(
        action="client.read", client_id=client_record.pk, purpose="supervision: case discussed"
    ).exists()
    detail = as_user(clinician).get(response["Location"]).content.decode()
    assert "scarf" in detail and "Jordan Rivera" in detail


def test_a_case_the_supervisor_cannot_see_is_not_offered(
    thursday, clinician, supervisor, outsider, as_user
):
    hidden = make_client(primary=outsider, legal_name="Hidden Person")
    response = as_user(supervisor).post(
        reverse("wellbeing:supervision_new", args=[clinician.pk]),
        {"held_on": TODAY, "cases": [hidden.pk]},
    )
    assert response.status_code == 400
    assert not SupervisionSession.objects.exists()


def test_action_items_with_due_dates(thursday, clinician, supervisor, colleague, as_user):
    http = as_user(supervisor)
    http.post(reverse("wellbeing:supervision_new", args=[clinician.pk]), {"held_on": TODAY})
    session = SupervisionSession.objects.get()
    url = reverse("wellbeing:supervision_session", args=[session.pk])
    response = as_user(clinician).post(
        url, {"text": "Re-read the gifts policy", "due_on": "2026-12-10"}
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert item.due_on == datetime.date(2026, 12, 10)
    overview = as_user(clinician).get(reverse("wellbeing:supervision")).content.decode()
    assert "Re-read the gifts policy" in overview
    done = reverse("wellbeing:action_done", args=[item.pk])
    assert as_user(colleague).post(done).status_code == 404
    assert http.post(done).status_code == 302
    item.refresh_from_db()
    assert item.done_at is not None


def test_a_session_is_hidden_from_everyone_outside_it(
    thursday, clinician, supervisor, colleague, other_supervisor, as_user
):
    as_user(supervisor).post(
        reverse("wellbeing:supervision_new", args=[clinician.pk]), {"held_on": TODAY}
    )
    url = reverse("wellbeing:supervision_session", args=[SupervisionSession.objects.get().pk])
    assert as_user(colleague).get(url).status_code == 404
    assert as_user(other_supervisor).get(url).status_code == 404


def test_the_wellbeing_page_points_to_how_to_reach_the_supervisor(clinician, supervisor, as_user):
    """It once promised a booking the Supervision page does not offer: it now links to
    the page, which names the supervisor and their address."""
    supervisor.email = "sam.supervisor@example.org"
    supervisor.save()
    http = as_user(clinician)

    home = http.get(reverse("wellbeing:home")).content.decode()
    assert "book one from the Supervision page" not in home
    link = f'<a href="{reverse("wellbeing:supervision")}" data-testid="resources-supervision">'
    assert link in home

    page = http.get(reverse("wellbeing:supervision")).content.decode()
    assert 'href="mailto:sam.supervisor@example.org?subject=Supervision"' in page
    assert "No supervisor is recorded for you" not in page


def test_the_supervision_page_says_when_no_supervisor_is_recorded(colleague, as_user):
    page = as_user(colleague).get(reverse("wellbeing:supervision")).content.decode()
    assert 'data-testid="ask-supervision"' in page
    assert "No supervisor is recorded for you yet" in page


def test_a_supervisor_without_a_supervisor_is_not_told_to_find_one(supervisor, as_user):
    page = as_user(supervisor).get(reverse("wellbeing:supervision")).content.decode()
    assert "People you supervise" in page
    assert 'data-testid="ask-supervision"' not in page
