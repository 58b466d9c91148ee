"""The plan, agreement and feedback pages, the client's link pages, the caseload signals
and the plan API, through HTTP."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client as HttpClient
from django.urls import reverse

from caseload.core import clock
from caseload.measures.models import MeasureResponse
from caseload.plans import services
from caseload.plans.models import PlanSignature, SessionFeedback
from caseload.portal.services import portal_link_create
from plans.helpers import (
    AGREEMENT,
    attended_session,
    give_feedback,
    goal_fields,
    make_agreement,
    make_plan,
    sign,
)

pytestmark = pytest.mark.django_db


def _open_link(path: str, date_of_birth) -> HttpClient:
    """A browser without a staff session that has passed the date-of-birth check."""
    browser = HttpClient()
    response = browser.post(path, {"date_of_birth": date_of_birth.isoformat()})
    assert response.status_code == 302
    return browser


def _portal_go(path: str) -> str:
    return path.rstrip("/") + "/go/"


# Staff pages ---------------------------------------------------------------------------


def test_the_clinician_starts_a_plan_and_adds_a_goal(client_record, clinician, as_user):
    http = as_user(clinician)
    response = http.post(
        reverse("plans:plan_edit", args=[client_record.pk]),
        {"problems": "Sleep and low mood.", "interventions": "CBT-I", "responsibilities": ""},
    )
    assert response.status_code == 302
    fields = {k: v for k, v in goal_fields().items() if v is not None}
    fields["target_date"] = fields["target_date"].isoformat()
    response = http.post(reverse("plans:goal_new", args=[client_record.pk]), fields)
    assert response.status_code == 302
    page = http.get(reverse("plans:plan", args=[client_record.pk])).content.decode()
    assert "I want to get up in the mornings again." in page
    assert "Version 1, not signed yet." in page


def test_an_invalid_goal_answers_400_and_saves_nothing(client_record, clinician, as_user):
    plan = make_plan(client_record, clinician, goals=0)
    response = as_user(clinician).post(
        reverse("plans:goal_new", args=[client_record.pk]), {"client_words": "Sleep"}
    )
    assert response.status_code == 400
    assert not plan.goals.exists()


def test_the_plan_page_says_which_version_is_signed(client_record, clinician, as_user):
    plan = make_plan(client_record, clinician)
    sign(plan, clinician)
    http = as_user(clinician)
    url = reverse("plans:plan", args=[client_record.pk])
    assert "Version 1 signed by the client as “Jordan Rivera”" in http.get(url).content.decode()

    services.plan_update(acting_user=clinician, plan=plan, changes={"problems": "Changed."})
    services.plan_update(acting_user=clinician, plan=plan, changes={"problems": "Again."})
    sign(plan, clinician)
    services.plan_update(acting_user=clinician, plan=plan, changes={"problems": "Third."})

    page = http.get(url).content.decode()
    assert "Signed version 2; current version 3 unsigned." in page
    assert "Make a link for the client to sign" in page


def test_the_signed_text_is_shown_as_signed(client_record, clinician, as_user):
    plan = make_plan(client_record, clinician)
    signature = sign(plan, clinician)
    services.plan_update(acting_user=clinician, plan=plan, changes={"problems": "Changed."})
    page = (
        as_user(clinician)
        .get(reverse("plans:signature", args=[client_record.pk, signature.pk]))
        .content.decode()
    )
    assert "Low mood and broken sleep since the accident." in page
    assert "Changed." not in page
    assert signature.text_sha256 in page


def test_the_plan_page_shows_the_latest_score_beside_a_linked_goal(
    client_record, clinician, as_user
):
    make_plan(
        client_record, clinician, instrument="phq9", target_direction="below", target_value=10
    )
    for days_ago, total in [(20, 16.0), (2, 8.0)]:
        MeasureResponse.objects.create(
            client=client_record,
            instrument="phq9",
            answers=[],
            total=total,
            band_label="Mild" if total < 10 else "Moderately severe",
            rules_version="1",
            completed_at=clock.now() - timedelta(days=days_ago),
            source="session",
        )
    page = as_user(clinician).get(reverse("plans:plan", args=[client_record.pk])).content.decode()
    assert "PHQ-9, target below 10" in page
    assert "<strong>8</strong> (Mild)" in page
    assert "target met" in page


def test_a_review_through_the_page(client_record, clinician, as_user):
    plan = make_plan(client_record, clinician, goals=3)
    data = {f"goal_{goal.pk}": "1" for goal in plan.goals.all()}
    data["reviewed_on"] = clock.today().isoformat()
    data["next_review_on"] = (clock.today() + timedelta(weeks=6)).isoformat()
    http = as_user(clinician)
    assert http.post(reverse("plans:review", args=[client_record.pk]), data).status_code == 302
    page = http.get(reverse("plans:plan", args=[client_record.pk])).content.decode()
    assert "63.69" in page


def test_the_agreement_page_saves_a_new_version(client_record, clinician, as_user):
    data = {**AGREEMENT, "contact_start": "10:00", "contact_end": "16:00"}
    http = as_user(clinician)
    url = reverse("plans:agreement", args=[client_record.pk])
    assert http.post(url, data).status_code == 302
    assert http.post(url, {**data, "session_frequency": "Fortnightly"}).status_code == 302
    assert list(client_record.agreements.values_list("version", flat=True)) == [2, 1]
    assert http.post(url, {**data, "contact_channels": []}).status_code == 400


# The client's link pages ---------------------------------------------------------------


def test_the_client_signs_the_plan_through_the_link(client_record, clinician, as_user):
    plan = make_plan(client_record, clinician)
    response = as_user(clinician).post(reverse("plans:sign_link", args=[client_record.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    path = page.split('data-testid="portal-link"')[0].rsplit('value="', 1)[1].split('"')[0]
    path = path.removeprefix("http://testserver")

    browser = _open_link(path, client_record.date_of_birth)
    reading = browser.get(_portal_go(path))
    assert "I have read this and I agree to it" in reading.content.decode()
    assert plan.problems in reading.content.decode()
    shown = reading.content.decode().split('name="shown" value="')[1].split('"')[0]
    done = browser.post(
        _portal_go(path), {"typed_name": "Jordan Rivera", "agree": "on", "shown": shown}
    )

    assert "your plan is signed" in done.content.decode()
    signature = PlanSignature.objects.get()
    assert (signature.version, signature.typed_name) == (1, "Jordan Rivera")
    # Single use: the link is closed now.
    assert browser.get(path).status_code == 410


def test_signing_a_text_that_changed_shows_the_new_text_and_signs_nothing(
    client_record, clinician
):
    plan = make_plan(client_record, clinician)
    issued = services.plan_sign_link_create(acting_user=clinician, plan=plan)
    browser = _open_link(issued.path, client_record.date_of_birth)
    reading = browser.get(_portal_go(issued.path)).content.decode()
    shown = reading.split('name="shown" value="')[1].split('"')[0]
    services.plan_update(acting_user=clinician, plan=plan, changes={"problems": "New words."})

    response = browser.post(
        _portal_go(issued.path), {"typed_name": "Jordan Rivera", "agree": "on", "shown": shown}
    )

    assert response.status_code == 400
    assert "changed while you were reading" in response.content.decode()
    assert "New words." in response.content.decode()
    assert not PlanSignature.objects.exists()


def test_the_link_needs_the_date_of_birth_first(client_record, clinician):
    plan = make_plan(client_record, clinician)
    issued = services.plan_sign_link_create(acting_user=clinician, plan=plan)
    browser = HttpClient()
    response = browser.get(_portal_go(issued.path))
    assert response.status_code == 302
    wrong = browser.post(issued.path, {"date_of_birth": "2001-01-01"})
    assert wrong.status_code == 400
    assert plan.problems not in wrong.content.decode()


def test_the_client_acknowledges_the_agreement(client_record, clinician):
    agreement = make_agreement(client_record, clinician)
    issued = services.agreement_link_create(acting_user=clinician, agreement=agreement)
    browser = _open_link(issued.path, client_record.date_of_birth)
    page = browser.get(_portal_go(issued.path)).content.decode()
    assert "No crisis support by text or email" in page
    shown = page.split('name="shown" value="')[1].split('"')[0]
    browser.post(
        _portal_go(issued.path), {"typed_name": "Jo Rivera", "agree": "on", "shown": shown}
    )
    agreement.refresh_from_db()
    assert agreement.acknowledged_name == "Jo Rivera"


def test_the_client_gives_low_feedback_and_the_clinician_sees_it(
    client_record, clinician, as_user
):
    """Hazard: feedback hidden from the clinician."""
    appointment = attended_session(client_record, clinician)
    issued = services.feedback_link_create(acting_user=clinician, appointment=appointment)
    browser = _open_link(issued.path, client_record.date_of_birth)
    form = browser.get(_portal_go(issued.path)).content.decode()
    assert "not a validated questionnaire" in form
    done = browser.post(
        _portal_go(issued.path),
        {"heard": "2", "focus": "4", "approach": "4", "comment": "I did not feel listened to."},
    )
    assert "Thank you for your feedback" in done.content.decode()

    http = as_user(clinician)
    caseload = http.get(reverse("clients:caseload")).content.decode()
    assert "Session feedback to read" in caseload
    plan_page = http.get(reverse("plans:plan", args=[client_record.pk])).content.decode()
    assert "I did not feel listened to." in plan_page

    row = SessionFeedback.objects.get()
    http.post(reverse("plans:feedback_seen", args=[client_record.pk, row.pk]))
    assert "Session feedback to read" not in http.get(reverse("clients:caseload")).content.decode()


def test_a_feedback_form_missing_an_answer_answers_400(client_record, clinician):
    appointment = attended_session(client_record, clinician)
    issued = services.feedback_link_create(acting_user=clinician, appointment=appointment)
    browser = _open_link(issued.path, client_record.date_of_birth)
    response = browser.post(_portal_go(issued.path), {"heard": "5"})
    assert response.status_code == 400
    assert not SessionFeedback.objects.exists()


def test_a_plan_link_cannot_reach_another_clients_plan(client_record, clinician):
    from factories import make_client

    other = make_client(primary=clinician, legal_name="Other Person")
    plan = make_plan(other, clinician)
    # A plan link whose target is another client's plan finds nothing: targets are looked
    # up through the link's own client.
    issued = portal_link_create(
        acting_user=clinician, client=client_record, kind="plan", target_id=str(plan.pk)
    )
    browser = _open_link(issued.path, client_record.date_of_birth)
    response = browser.get(_portal_go(issued.path))
    assert response.status_code == 404
    assert plan.problems not in response.content.decode()


# The caseload page ---------------------------------------------------------------------


def test_an_overdue_review_shows_on_the_caseload(client_record, clinician, as_user):
    with time_machine.travel(clock.now() - timedelta(weeks=7)):
        # Made seven weeks ago with its review six weeks on: a week overdue today.
        make_plan(client_record, clinician)
        as_user(clinician).get(reverse("clients:caseload"))
    # Another client's plan, reviewed on time, shows nothing.
    from factories import make_client

    make_plan(make_client(primary=clinician, legal_name="On Time"), clinician)
    page = as_user(clinician).get(reverse("clients:caseload")).content.decode()
    assert page.count("Plan review overdue") == 1


# The API -------------------------------------------------------------------------------


def test_the_plan_api_gives_goals_ratings_and_the_t_score(client_record, clinician, api_headers):
    plan = make_plan(client_record, clinician, goals=3)
    services.plan_review_record(
        acting_user=clinician,
        plan=plan,
        reviewed_on=clock.today(),
        ratings={goal.pk: 1 for goal in plan.goals.all()},
    )
    sign(plan, clinician)
    response = HttpClient().get(
        reverse("api:client_plan", args=[client_record.pk]), headers=api_headers(clinician)
    )
    assert response.status_code == 200
    body = response.json()
    assert body["gas_t_score"] == 63.69
    assert body["current_version_signed"] is True
    assert len(body["goals"]) == 3
    assert body["goals"][0]["ratings"] == [{"reviewed_on": clock.today().isoformat(), "rating": 1}]
    assert body["goals"][0]["levels"]["+2"] == goal_fields()["level_plus2"]


def test_the_plan_api_answers_404_without_a_plan(client_record, clinician, api_headers):
    response = HttpClient().get(
        reverse("api:client_plan", args=[client_record.pk]), headers=api_headers(clinician)
    )
    assert response.status_code == 404


@pytest.fixture
def api_headers(db):
    from caseload.accounts.services import api_token_create

    def headers_for(user):
        _, secret = api_token_create(acting_user=None, user=user)
        return {"Authorization": f"Bearer {secret}"}

    return headers_for


def test_feedback_page_lists_answers(client_record, clinician, as_user):
    give_feedback(client_record, clinician, heard=4, comment="Helpful.")
    page = as_user(clinician).get(reverse("plans:feedback", args=[client_record.pk]))
    assert "Helpful." in page.content.decode()


def test_the_overview_shows_feedback_to_read_and_the_agreed_hours(
    client_record, clinician, intake, as_user
):
    """Hazard: feedback hidden from the clinician. It is on the first page they open."""
    from plans.helpers import acknowledge

    give_feedback(client_record, clinician, approach=1, comment="Not sure this suits me.")
    acknowledge(make_agreement(client_record, clinician), clinician)
    url = reverse("clients:detail", args=[client_record.pk])

    page = as_user(clinician).get(url).content.decode()

    assert "Session feedback to read before the next session" in page
    # Words the risk screen flagged are shown marked; the comment is there either way.
    assert "Not sure this suits me." in re.sub(r"</?mark[^>]*>", "", page)
    assert "Email, Phone call; Monday, Wednesday, Friday, 10:00–16:00" in page
    # Intake's role does not cover clinical content: no panel at all.
    assert "Not sure this suits me." not in as_user(intake).get(url).content.decode()


def test_marking_feedback_read_from_the_overview_goes_back_there(
    client_record, clinician, as_user
):
    row = give_feedback(client_record, clinician, heard=1)
    response = as_user(clinician).post(
        reverse("plans:feedback_seen", args=[client_record.pk, row.pk]), {"back": "overview"}
    )
    assert response["Location"] == reverse("clients:detail", args=[client_record.pk])


def test_a_rated_goals_levels_are_shown_but_not_editable(client_record, clinician, as_user):
    plan = make_plan(client_record, clinician)
    goal = plan.goals.get()
    services.plan_review_record(
        acting_user=clinician, plan=plan, reviewed_on=clock.today(), ratings={goal.pk: 0}
    )
    url = reverse("plans:goal_edit", args=[client_record.pk, goal.pk])
    fields = {k: v for k, v in goal_fields(objective="Counted in the diary").items() if v}
    fields["target_date"] = fields["target_date"].isoformat()
    fields["level_0"] = "Rewritten after the rating"

    response = as_user(clinician).post(url, fields)

    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.objective == "Counted in the diary"
    assert goal.level_0 == goal_fields()["level_0"]


def test_editing_a_signed_plan_on_the_page_saves_a_new_version(client_record, clinician, as_user):
    plan = make_plan(client_record, clinician)
    sign(plan, clinician)
    response = as_user(clinician).post(
        reverse("plans:plan_edit", args=[client_record.pk]),
        {
            "problems": "Changed on the page.",
            "interventions": plan.interventions,
            "responsibilities": plan.responsibilities,
            "next_review_on": plan.next_review_on.isoformat(),
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.problems, plan.version) == ("Changed on the page.", 2)


def test_the_edit_page_warns_of_signing_again_only_when_the_current_version_is_signed(
    client_record, clinician, as_user
):
    """The warning says an edit starts a new version to sign: true only while the client's
    signature is on the current version, not after an earlier version was signed."""
    plan = make_plan(client_record, clinician)
    http = as_user(clinician)
    url = reverse("plans:plan_edit", args=[client_record.pk])
    warning = "which they will need to sign again"
    assert warning not in http.get(url).content.decode()

    sign(plan, clinician)
    assert warning in http.get(url).content.decode()

    services.plan_update(acting_user=clinician, plan=plan, changes={"problems": "Changed."})
    plan.refresh_from_db()
    assert plan.version == 2 and not plan.current_version_signed
    assert warning not in http.get(url).content.decode()
