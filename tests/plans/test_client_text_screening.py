"""Every free-text box a client writes in through a link is screened like a check-in,
and a match raises the same safety alert in the same transaction (H-085, H-086); the
clinician reads the client's words with the matched ones marked (H-087)."""

from unittest import mock

import pytest
from django.db import DatabaseError
from django.urls import reverse

from caseload.plans.models import SessionFeedback
from caseload.safety.models import Alert, AlertSource, ScreenedText
from plans.helpers import acknowledge, give_feedback, make_agreement, make_plan, sign
from plans.test_views import _open_link, _portal_go

pytestmark = pytest.mark.django_db


def test_h085_a_risky_feedback_comment_raises_an_alert(client_record, clinician):
    """H-085: risk words in a session-feedback comment reach the care team."""
    row = give_feedback(
        client_record, clinician, comment="Good session. Honestly I want to end it all."
    )
    alert = Alert.objects.get(client=client_record)
    assert alert.source == AlertSource.CLIENT_TEXT
    assert alert.source_type == "plans.sessionfeedback" and alert.source_id == str(row.pk)
    assert alert.reason.startswith("Session feedback comment mentions")
    assert "end it all" in alert.evidence
    # The feedback becomes a notice to read before the next session, too.
    assert row.concern == "risk" and row.needs_attention
    stored = ScreenedText.objects.get(source_id=str(row.pk), field="comment")
    assert stored.flagged and stored.rules_version
    assert [m["text"] for m in stored.match_list()] == ["want to end it all"]


def test_h085_a_spanish_feedback_comment_raises_an_alert(client_record, clinician):
    """H-085, H-088: the comment is screened with the Spanish rules whatever the language."""
    give_feedback(client_record, clinician, comment="ya no aguanto más, pienso en matarme")
    assert Alert.objects.filter(client=client_record, source=AlertSource.CLIENT_TEXT).exists()


def test_h085_a_benign_feedback_comment_raises_nothing(client_record, clinician):
    row = give_feedback(client_record, clinician, comment="Felt rushed; I nearly died laughing.")
    assert not Alert.objects.exists()
    assert row.concern == ""
    assert not ScreenedText.objects.get(source_id=str(row.pk)).flagged


def test_h085_feedback_and_its_alert_are_saved_together_or_not_at_all(client_record, clinician):
    """H-085: if the alert cannot be saved, the feedback is not saved either (no risky
    words stored silently)."""
    with (
        mock.patch(
            "caseload.safety.screening_alerts.alert_raise", side_effect=DatabaseError("down")
        ),
        pytest.raises(DatabaseError),
    ):
        give_feedback(client_record, clinician, comment="I'm going to kill myself")
    assert not SessionFeedback.objects.exists()
    assert not ScreenedText.objects.exists()


def test_h086_a_risky_typed_name_on_the_plan_raises_an_alert(client_record, clinician):
    """H-086: the name box when signing is free text too."""
    signature = sign(make_plan(client_record, clinician), clinician, name="i dont want to live")
    alert = Alert.objects.get(client=client_record)
    assert alert.source_type == "plans.plansignature"
    assert alert.source_id == str(signature.pk)


def test_h086_a_risky_typed_name_on_the_agreement_raises_an_alert(client_record, clinician):
    agreement = acknowledge(make_agreement(client_record, clinician), clinician, name="kms")
    assert Alert.objects.get(client=client_record).source_id == str(agreement.pk)


def test_h086_ordinary_names_raise_nothing(client_record, clinician):
    sign(make_plan(client_record, clinician), clinician, name="Jordan Rivera")
    acknowledge(make_agreement(client_record, clinician), clinician, name="Jo Rivera")
    assert not Alert.objects.exists()


def test_h087_the_clinician_reads_the_comment_with_the_matched_words_marked(
    client_record, clinician, as_user
):
    """H-087: the words that raised the alert are marked where the comment is read,
    and the client's text is escaped."""
    give_feedback(client_record, clinician, comment="<b>meh</b> I want to die honestly")
    http = as_user(clinician)
    for name in ("plans:feedback", "plans:plan"):
        page = http.get(reverse(name, args=[client_record.pk])).content.decode()
        assert "<mark" in page and ">want to die</mark>" in page, name
        assert "&lt;b&gt;meh&lt;/b&gt;" in page and "<b>meh</b>" not in page


def test_h087_a_flagged_typed_name_is_marked_on_the_plan_page(client_record, clinician, as_user):
    plan = make_plan(client_record, clinician)
    sign(plan, clinician, name="goodbye forever")
    page = as_user(clinician).get(reverse("plans:plan", args=[client_record.pk]))
    assert ">goodbye forever</mark>" in page.content.decode()


def test_h085_the_portal_feedback_page_raises_the_alert(client_record, clinician):
    """H-085 end to end: the client's own link, the comment box, the alert."""
    from caseload.plans import services
    from plans.helpers import attended_session

    appointment = attended_session(client_record, clinician)
    issued = services.feedback_link_create(acting_user=clinician, appointment=appointment)
    browser = _open_link(issued.path, client_record.date_of_birth)
    browser.post(
        _portal_go(issued.path),
        {"heard": "5", "focus": "5", "approach": "5", "comment": "took all my pills an hour ago"},
    )
    alert = Alert.objects.get(client=client_record)
    assert alert.severity == "high"
