"""Check-ins on the client's record: recording one that came another way, the list with
trends, and the check-in page with the matched words highlighted safely."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from caseload.audit.models import AuditEvent
from caseload.core import clock
from caseload.safety import checkins as checkin_services
from caseload.safety.checkin_trends import trends
from caseload.safety.models import Alert, Checkin


def record(client_record, user, text="", **fields):
    return checkin_services.checkin_record(
        client=client_record,
        channel=fields.pop("channel", "text_message"),
        text=text,
        acting_user=user,
        **fields,
    )


def test_a_voicemail_is_screened_like_a_link_check_in(client_record, clinician, as_user):
    """Hazard: a risk statement in a check-in is not flagged (staff-recorded path)."""
    http = as_user(clinician)
    response = http.post(
        reverse("safety:checkin_new", args=[client_record.pk]),
        {"channel": "voicemail", "text": "I've got the pills saved up", "mood": "2"},
    )
    checkin = Checkin.objects.get()
    assert response["Location"] == reverse("safety:checkin", args=[client_record.pk, checkin.pk])
    assert checkin.flagged and checkin.severity == "high"
    assert (checkin.mood, checkin.sleep, checkin.recorded_by) == (2, None, clinician)
    alert = Alert.objects.get()
    assert alert.severity == "high" and alert.raised_by == clinician
    assert "voicemail" in alert.reason
    assert AuditEvent.objects.filter(action="checkin.record", client_id=client_record.pk).exists()


def test_an_ordinary_check_in_raises_no_alert(client_record, clinician):
    checkin = record(client_record, clinician, "This job is killing me but I'm okay", mood=6)
    assert not checkin.flagged
    assert Alert.objects.count() == 0


def test_the_text_is_encrypted_at_rest(client_record, clinician):
    checkin = record(client_record, clinician, "I want to die")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT text, matches FROM safety_checkin WHERE id = %s", [checkin.pk])
        text, matches = cursor.fetchone()
    assert "die" not in text and "die" not in matches


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"channel": "pigeon"}, "Unknown channel"),
        ({"channel": "link"}, "own link"),
        ({"mood": 11}, "0 to 10"),
        ({"stress": -1}, "0 to 10"),
        ({}, "message or at least one scale"),
    ],
)
def test_bad_check_ins_are_refused_and_nothing_is_saved(client_record, clinician, fields, message):
    with pytest.raises(ValidationError, match=message):
        record(client_record, clinician, **fields)
    assert Checkin.objects.count() == 0


def test_an_empty_form_answers_400(client_record, clinician, as_user):
    response = as_user(clinician).post(reverse("safety:checkin_new", args=[client_record.pk]))
    assert response.status_code == 400


def test_matched_words_are_highlighted_and_everything_is_escaped(
    client_record, clinician, as_user
):
    checkin = record(
        client_record, clinician, '<script>alert(1)</script> I want to die <b>"now"</b>'
    )
    html = (
        as_user(clinician)
        .get(reverse("safety:checkin", args=[client_record.pk, checkin.pk]))
        .content.decode()
    )
    assert '<mark title="Matched a risk phrase">want to die</mark>' in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;&quot;now&quot;&lt;/b&gt;" in html
    assert "wants_to_die" in html  # the rule that fired
    assert reverse("safety:alert", args=[Alert.objects.get().pk]) in html


def test_a_check_in_of_another_client_is_not_found(client_record, clinician, as_user):
    from factories import make_client

    other = make_client(primary=clinician, legal_name="Other Person")
    checkin = record(other, clinician, "fine")
    response = as_user(clinician).get(
        reverse("safety:checkin", args=[client_record.pk, checkin.pk])
    )
    assert response.status_code == 404


def test_the_list_shows_trends(client_record, clinician, as_user):
    start = clock.now()
    for days, mood in [(13, 2), (10, 3), (5, 6), (1, 8)]:
        with time_machine.travel(start - timedelta(days=days), tick=False):
            record(client_record, clinician, "note", mood=mood, stress=10 - mood)
    html = (
        as_user(clinician)
        .get(reverse("safety:checkins", args=[client_record.pk]))
        .content.decode()
    )
    assert html.count("<polyline") == 2  # mood and stress; sleep was never given
    assert "Last 7 days: average 7.0." in html
    assert "The week before: 2.5 (4.5)." in html
    assert html.count('<tr class="flagged">') == 0


def test_trend_points_span_the_chart():
    now = clock.now()

    class Row:
        def __init__(self, days, mood):
            self.received_at, self.mood, self.sleep, self.stress = (
                now - timedelta(days=days),
                mood,
                None,
                None,
            )

    mood = trends([Row(2, 0), Row(1, 10)], now=now)[0]
    assert mood.points == "6.0,74.0 294.0,6.0"
    assert mood.latest == 10


def test_the_check_in_link_is_made_from_the_check_ins_tab(client_record, clinician, as_user):
    http = as_user(clinician)
    response = http.post(reverse("safety:checkin_link", args=[client_record.pk]))
    page = http.get(response["Location"]).content.decode()
    assert 'data-testid="new-link"' in page and "/p/" in page
