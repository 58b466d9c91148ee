"""The client completes a measure through a link: date of birth first, the questionnaire,
then a plain explanation. Nothing else of the record is shown.

Hazards guarded: a risk answer given by link raises no alert (H-015, link path);
a link reveals the record to someone without the date of birth; a used link works again.
"""

import pytest
from django.test import Client as HttpClient

from caseload.measures.models import MeasureResponse
from caseload.measures.services import measure_link_send
from caseload.safety.models import Alert
from measures.helpers import PHQ9_ITEM9_SEVERAL_DAYS, phq9_with_total

pytestmark = pytest.mark.django_db


@pytest.fixture
def link_path(client_record, clinician):
    sent = measure_link_send(
        acting_user=clinician, client=client_record, instrument="phq9", base_url=""
    )
    return sent.issued.path


def _open(path, client_record) -> HttpClient:
    browser = HttpClient()
    answer = browser.post(path, {"date_of_birth": client_record.date_of_birth.isoformat()})
    assert answer.status_code == 302
    return browser


def _answers(values) -> dict:
    return {f"item_{n}": v for n, v in enumerate(values, start=1) if v is not None}


def test_questionnaire_shows_no_record_and_says_it_is_not_watched(link_path, client_record):
    browser = _open(link_path, client_record)

    text = browser.get(f"{link_path}go/").content.decode()

    assert "Little interest or pleasure" in text
    assert "Nobody is watching your answers" in text
    assert "988" in text  # the practice's crisis lines
    assert client_record.legal_name not in text and "Jo" not in text.split("<main")[1][:200]
    assert "brother" not in text  # the sensitivities stay in the record


def test_risk_answer_by_link_alerts_the_care_team_and_explains(link_path, client_record):
    """Hazard (link path): item 9 'Several days' from the client's phone raises a high
    alert, stored with the result, and the client sees the plain explanation."""
    browser = _open(link_path, client_record)

    page = browser.post(f"{link_path}go/", _answers(PHQ9_ITEM9_SEVERAL_DAYS))

    assert page.status_code == 200
    text = page.content.decode()
    assert "What your answers mean" in text and "5 out of 27" in text
    response = MeasureResponse.objects.get()
    assert response.source == "link" and response.entered_by is None
    alert = Alert.objects.get()
    assert alert.severity == "high" and alert.source_id == str(response.pk)


def test_no_risk_by_link_raises_nothing_and_the_link_is_spent(link_path, client_record):
    browser = _open(link_path, client_record)
    browser.post(f"{link_path}go/", _answers(phq9_with_total(3)))

    again = browser.post(f"{link_path}go/", _answers(phq9_with_total(3)))

    assert not Alert.objects.exists()
    assert MeasureResponse.objects.count() == 1
    assert again.status_code == 410


def test_unscorable_answers_by_link_store_nothing_and_keep_the_link(link_path, client_record):
    """Hazard (link path): answers that cannot be scored save nothing, raise nothing and
    do not use up the link."""
    browser = _open(link_path, client_record)

    page = browser.post(f"{link_path}go/", {"item_9": "3"})

    assert page.status_code == 400
    assert not MeasureResponse.objects.exists() and not Alert.objects.exists()
    assert browser.get(f"{link_path}go/").status_code == 200


def test_without_the_date_of_birth_the_questionnaire_is_not_shown(link_path):
    page = HttpClient().get(f"{link_path}go/")
    assert page.status_code == 302 and page["Location"] == link_path


def test_h107_a_question_left_out_by_link_is_shown_back_before_sending(link_path, client_record):
    """H-107 (link path): the client who leaves out question 9 is told before anything
    is sent, with what a left-out safety question means; sending as it is then stores
    the result with the unanswered-risk-item alert."""
    browser = _open(link_path, client_record)
    answers = _answers(phq9_with_total(6))
    del answers["item_9"]

    asked = browser.post(f"{link_path}go/", answers)

    text = asked.content.decode()
    assert asked.status_code == 200 and 'data-testid="missing-risk-item"' in text
    assert "You left out 1 question" in text and 'href="#id_item_9_0"' in text
    assert not MeasureResponse.objects.exists() and not Alert.objects.exists()

    sent = browser.post(f"{link_path}go/", {**answers, "confirmed": "1"})

    assert "What your answers mean" in sent.content.decode()
    response = MeasureResponse.objects.get()
    assert Alert.objects.get().source_id == str(response.pk)
