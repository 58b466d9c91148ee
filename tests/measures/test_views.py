"""The Measures tab: the session entry form, the plan, links, and the trajectory chart."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from caseload.core import clock
from caseload.measures.models import MeasurePlan, MeasureResponse
from caseload.measures.services import measure_plan_save, response_record
from caseload.portal.models import PortalLink
from caseload.safety.models import Alert
from measures.helpers import PHQ9_ITEM9_SEVERAL_DAYS, phq9_with_total

pytestmark = pytest.mark.django_db


def _post_answers(answers) -> dict:
    return {f"item_{n}": value for n, value in enumerate(answers, start=1) if value is not None}


def test_tab_lists_results_plan_and_due(as_user, clinician, client_record):
    response_record(
        client=client_record,
        instrument="phq9",
        answers=phq9_with_total(12),
        source="session",
        acting_user=clinician,
        completed_at=clock.now() - timedelta(days=30),
    )
    measure_plan_save(
        acting_user=clinician,
        client=client_record,
        instrument="phq9",
        frequency="weeks",
        interval_weeks=2,
    )

    page = as_user(clinician).get(reverse("measures:client", args=[client_record.pk]))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Moderate" in text and "Baseline" in text
    assert "Overdue" in text  # two weeks after a result a month ago
    assert reverse("measures:entry", args=[client_record.pk, "phq9"]) in text


def test_entry_form_has_a_labelled_radio_group_per_item(as_user, clinician, client_record):
    page = as_user(clinician).get(reverse("measures:entry", args=[client_record.pk, "phq9"]))

    text = page.content.decode()
    assert text.count("<fieldset") == 10 and text.count("<legend>") == 10
    assert 'type="radio" name="item_9"' in text
    assert "Thoughts that you would be better off dead" in text


def test_session_entry_with_item_9_positive_stores_and_alerts(as_user, clinician, client_record):
    """Hazard (session path): a positive item 9 entered in session raises the alert."""
    url = reverse("measures:entry", args=[client_record.pk, "phq9"])

    answer = as_user(clinician).post(url, _post_answers(PHQ9_ITEM9_SEVERAL_DAYS))

    assert answer.status_code == 302
    assert answer["Location"] == reverse("measures:chart", args=[client_record.pk, "phq9"])
    response = MeasureResponse.objects.get()
    assert response.source == "session" and response.entered_by == clinician
    assert Alert.objects.get().source_id == str(response.pk)


def test_session_entry_without_risk_raises_nothing(as_user, clinician, client_record):
    """Hazard (session path): a negative item 9 raises no alert."""
    url = reverse("measures:entry", args=[client_record.pk, "phq9"])
    as_user(clinician).post(url, _post_answers(phq9_with_total(10)))
    assert MeasureResponse.objects.count() == 1
    assert not Alert.objects.exists()


def test_session_entry_that_cannot_be_scored_is_400_and_stores_nothing(
    as_user, clinician, client_record
):
    """Hazard (session path): too many unanswered items, or a forged value, store and
    raise nothing."""
    url = reverse("measures:entry", args=[client_record.pk, "phq9"])
    http = as_user(clinician)

    unscored = http.post(url, {"item_9": "2", "item_1": "1"})
    forged = http.post(url, {**_post_answers(phq9_with_total(5)), "item_9": "9"})

    assert unscored.status_code == 400 and forged.status_code == 400
    assert "not scored" in unscored.content.decode() or "item" in unscored.content.decode()
    assert not MeasureResponse.objects.exists()
    assert not Alert.objects.exists()


def test_unknown_instrument_is_404(as_user, clinician, client_record):
    url = reverse("measures:entry", args=[client_record.pk, "nope"])
    assert as_user(clinician).get(url).status_code == 404


def _history(client, user, count):
    start = clock.now() - timedelta(days=count)
    rows = []
    for day in range(count):
        rows.append(
            MeasureResponse(
                client=client,
                instrument="phq9",
                answers=[],
                total=10 + day % 10,
                band="moderate",
                band_label="Moderate",
                rules_version="1",
                completed_at=start + timedelta(days=day),
                source="session",
                is_baseline=day == 0,
                is_latest=day == count - 1,
                entered_by=user,
            )
        )
    MeasureResponse.objects.bulk_create(rows)


def _chart_queries(http, client):
    url = reverse("measures:chart", args=[client.pk, "phq9"])
    with CaptureQueriesContext(connection) as queries:
        page = http.get(url)
    assert page.status_code == 200
    return len(queries), page


def test_chart_page_query_count_does_not_grow_with_results(as_user, clinician, client_record):
    http = as_user(clinician)
    _history(client_record, clinician, 3)
    few, _ = _chart_queries(http, client_record)
    MeasureResponse.objects.all().delete()
    _history(client_record, clinician, 300)

    many, page = _chart_queries(http, client_record)

    assert many == few
    text = page.content.decode()
    assert 'data-points="300"' in text
    assert text.count("<circle") == 300
    assert "PHQ-9: 300 results" in text  # the text summary for screen readers


def test_chart_shows_bands_baseline_reliable_band_and_sessions(as_user, clinician, client_record):
    from caseload.clients.models import Appointment

    Appointment.objects.create(
        client=client_record,
        clinician=clinician,
        attendance="attended",
        starts_at=clock.now() - timedelta(days=10),
    )
    for days, total in ((40, 20), (10, 12), (1, 6)):
        response_record(
            client=client_record,
            instrument="phq9",
            answers=phq9_with_total(total),
            source="session",
            acting_user=clinician,
            completed_at=clock.now() - timedelta(days=days),
        )

    text = (
        as_user(clinician)
        .get(reverse("measures:chart", args=[client_record.pk, "phq9"]))
        .content.decode()
    )

    assert 'role="img"' in text and "Moderately severe" in text
    assert 'class="baseline"' in text and 'class="reliable-band"' in text
    assert "Reliable change needs 6 or more points from the baseline" in text
    assert 'class="event-session"' in text
    assert "Baseline 20 (severe) on " in text and "; latest 6 (mild) on " in text
    # H-081: the summary says what changed and what a reliable change needs.
    assert (
        "reliably better and out of the clinical range (change of -14, reliable change "
        "needs 6 or more)" in text
    )


def test_plan_save_change_and_stop(as_user, clinician, client_record):
    http = as_user(clinician)
    url = reverse("measures:plan_save", args=[client_record.pk])

    http.post(
        url, {"plan-instrument": "gad7", "plan-frequency": "weeks", "plan-interval_weeks": "4"}
    )
    http.post(url, {"plan-instrument": "gad7", "plan-frequency": "session"})
    plan = MeasurePlan.objects.get()
    assert plan.frequency == "session" and plan.interval_weeks is None

    http.post(reverse("measures:plan_stop", args=[client_record.pk, plan.pk]))
    plan.refresh_from_db()
    assert not plan.active


def test_plan_without_weeks_is_400(as_user, clinician, client_record):
    url = reverse("measures:plan_save", args=[client_record.pk])
    answer = as_user(clinician).post(url, {"plan-instrument": "gad7", "plan-frequency": "weeks"})
    assert answer.status_code == 400
    assert not MeasurePlan.objects.exists()


def test_send_link_emails_it_and_shows_it(
    as_user, clinician, client_record, mailoutbox, django_capture_on_commit_callbacks
):
    client_record.email = "jo@example.com"
    client_record.save()
    with django_capture_on_commit_callbacks(execute=True):
        page = as_user(clinician).post(
            reverse("measures:link_send", args=[client_record.pk]), {"link-instrument": "phq9"}
        )

    text = page.content.decode()
    link = PortalLink.objects.get()
    assert link.kind == "measure" and link.target_id == "phq9" and link.single_use
    assert timedelta(hours=71) < link.expires_at - clock.now() <= timedelta(hours=72)
    assert "emailed to jo@example.com" in text
    assert len(mailoutbox) == 1 and "/p/" in mailoutbox[0].body
    assert "PHQ" not in mailoutbox[0].subject + mailoutbox[0].body  # nothing clinical


def test_send_link_without_email_says_so(as_user, clinician, client_record, mailoutbox):
    client_record.email = ""
    client_record.save()
    page = as_user(clinician).post(
        reverse("measures:link_send", args=[client_record.pk]), {"link-instrument": "gad7"}
    )
    assert "no email address, so nothing was emailed" in page.content.decode()
    assert 'data-testid="link-url"' in page.content.decode()
    assert mailoutbox == []


def test_revoke_link(as_user, clinician, client_record):
    http = as_user(clinician)
    http.post(reverse("measures:link_send", args=[client_record.pk]), {"link-instrument": "gad7"})
    link = PortalLink.objects.get()

    http.post(reverse("measures:link_revoke", args=[client_record.pk, link.pk]))

    link.refresh_from_db()
    assert link.state == "revoked"


def _phq9_without(item: int, answers=None) -> dict:
    data = _post_answers(answers or phq9_with_total(10))
    data.pop(f"item_{item}")
    return data


def test_h107_a_skipped_risk_item_is_shown_and_nothing_stored_before_confirming(
    as_user, clinician, client_record
):
    """H-107: a PHQ-9 with item 9 skipped is not saved straight away: the page names the
    missing risk item (a missing answer is not a "no"), shows the prorated total, and
    nothing is stored or alerted until it is confirmed."""
    url = reverse("measures:entry", args=[client_record.pk, "phq9"])

    page = as_user(clinician).post(url, _phq9_without(9))

    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="missing-answers"' in text and 'data-testid="missing-risk-item"' in text
    assert "Risk item 9" in text and "not a “no”" in text
    assert "prorated to 11:" in text  # 10 over 8 items, times 9, rounded
    assert 'href="#id_item_9_0"' in text
    assert 'name="confirmed" value="1"' in text
    assert 'value="3" id="id_item_1_3" checked' in text  # the answers given are kept
    assert not MeasureResponse.objects.exists()
    assert not Alert.objects.exists()


def test_h107_once_confirmed_the_unanswered_risk_item_still_alerts(
    as_user, clinician, client_record
):
    """H-107 with H-076: confirming saves the prorated result, and the unanswered item 9
    raises its moderate alert: confirmation never turns the gap into a "no"."""
    url = reverse("measures:entry", args=[client_record.pk, "phq9"])

    answer = as_user(clinician).post(url, {**_phq9_without(9), "confirmed": "1"})

    assert answer.status_code == 302
    response = MeasureResponse.objects.get()
    assert response.answers[8] is None and response.prorated
    alert = Alert.objects.get()
    assert alert.source_id == str(response.pk) and alert.severity == "moderate"


def test_h107_once_confirmed_a_positive_answered_risk_item_still_alerts(
    as_user, clinician, client_record
):
    """H-107: item 1 skipped, item 9 answered positively: the confirmation names no risk
    item as missing, and once confirmed the positive item 9 raises the high alert."""
    url = reverse("measures:entry", args=[client_record.pk, "phq9"])
    data = _phq9_without(1, PHQ9_ITEM9_SEVERAL_DAYS)
    http = as_user(clinician)

    asked = http.post(url, data)
    assert 'data-testid="missing-answers"' in asked.content.decode()
    assert 'data-testid="missing-risk-item"' not in asked.content.decode()
    assert not MeasureResponse.objects.exists()

    http.post(url, {**data, "confirmed": "1"})

    response = MeasureResponse.objects.get()
    assert Alert.objects.get(source_id=str(response.pk)).severity == "high"


def test_h107_complete_answers_and_an_unscored_item_skipped_save_without_asking(
    as_user, clinician, client_record
):
    """Only gaps that change the total or hide a risk answer are confirmed: PHQ-9's
    difficulty item (not counted, not a risk item) may be left out."""
    url = reverse("measures:entry", args=[client_record.pk, "phq9"])

    answer = as_user(clinician).post(url, _phq9_without(10))

    assert answer.status_code == 302
    assert MeasureResponse.objects.count() == 1


@pytest.mark.parametrize(
    ("code", "answers"),
    [
        ("cssrs", [0, 0, None, None, None, 0, None]),  # 3-5 follow a yes to 2; 7 a yes to 6
        ("asq", [0, 0, 0, 0, None]),  # question 5 follows a positive screen
    ],
)
def test_h107_questions_the_skip_logic_passes_over_are_not_asked_about(
    as_user, clinician, client_record, code, answers
):
    """Empty by design is not missing: a C-SSRS or ASQ left empty where its skip logic
    says so saves without the confirmation (and says nothing false about a risk item)."""
    url = reverse("measures:entry", args=[client_record.pk, code])

    answer = as_user(clinician).post(url, _post_answers(answers))

    assert answer.status_code == 302
    assert MeasureResponse.objects.count() == 1


def test_h107_an_asq_with_a_question_declined_still_asks_about_question_5(
    as_user, clinician, client_record
):
    """An unanswered ASQ question counts as a positive screen, so question 5 is then
    asked about before saving."""
    url = reverse("measures:entry", args=[client_record.pk, "asq"])

    page = as_user(clinician).post(url, _post_answers([0, None, 0, 0, None]))

    text = page.content.decode()
    assert 'data-testid="missing-risk-item"' in text and 'href="#id_item_5_0"' in text
    assert not MeasureResponse.objects.exists()


def test_recent_links_table_lists_the_links_not_the_navigation(as_user, clinician, client_record):
    """The page frame's navigation once overwrote the view's `links`: one row per link."""
    http = as_user(clinician)
    for code in ("phq9", "gad7"):
        http.post(
            reverse("measures:link_send", args=[client_record.pk]), {"link-instrument": code}
        )

    text = http.get(reverse("measures:client", args=[client_record.pk])).content.decode()

    recent = text.split("Recent links", 1)[1].split("</table>", 1)[0]
    assert recent.count("<tr>") == 1 + 2  # the header row and one row per link
    assert ">PHQ9</td>" in recent and ">GAD7</td>" in recent
