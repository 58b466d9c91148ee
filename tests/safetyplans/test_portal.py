"""What the client sees through their links: the safety plan on their phone, and the
check-in form. The portal's own checks (date of birth, locking) are tested in
tests/portal; these tests are about the two kinds this capability adds."""

import re

from django.urls import reverse

from caseload.portal.models import PortalLink
from caseload.safety import client_links
from caseload.safety.models import Alert, Checkin
from safetyplans.helpers import open_link, save_plan


def plan_link(client_record, clinician):
    return client_links.client_link_issue(
        acting_user=clinician, client=client_record, kind="safety_plan"
    )


def checkin_link(client_record, clinician):
    return client_links.client_link_issue(
        acting_user=clinician, client=client_record, kind="checkin"
    )


def test_the_link_opens_the_current_plan_with_every_number_tappable(
    client_record, clinician, colleague, client
):
    save_plan(client_record, clinician)
    issued = plan_link(client_record, clinician)
    save_plan(client_record, colleague, coping_alone=["Music, loud"])  # after the link
    html = open_link(client, issued).content.decode()
    assert "My safety plan" in html
    assert "Music, loud" in html  # always the current version
    assert '<a href="tel:5550100142" class="tel">(555) 010-0142</a>' in html
    assert '<a href="tel:5550100100" class="tel">555 010 0100</a>' in html
    assert re.search(r'<a href="tel:988"[^>]*>', html)  # the practice's crisis lines
    assert 'href="tel:911"' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def test_the_link_is_reusable(client_record, clinician, client):
    save_plan(client_record, clinician)
    issued = plan_link(client_record, clinician)
    for _ in range(3):
        assert "My safety plan" in open_link(client, issued).content.decode()
    issued.link.refresh_from_db()
    assert issued.link.state == "open"


def test_a_revoked_safety_plan_link_shows_nothing(client_record, clinician, client):
    """Hazard: a revoked safety-plan link shows nothing."""
    save_plan(client_record, clinician)
    issued = plan_link(client_record, clinician)
    assert "My sister Ana" in open_link(client, issued).content.decode()  # was open, in session
    client_links.client_link_withdraw(
        acting_user=clinician, client=client_record, link_id=issued.link.pk
    )
    for response in (
        client.get(reverse("portal:go", args=[issued.token])),  # the session that had it open
        client.get(reverse("portal:open", args=[issued.token])),
        client.post(reverse("portal:open", args=[issued.token]), {"date_of_birth": "1990-05-17"}),
    ):
        html = response.content.decode()
        assert response.status_code == 410
        for private in ("Ana", "555", "Jordan", "Rivera", "daughter", "safety plan</h1>"):
            assert private not in html


def test_the_check_in_page_says_it_is_not_watched_and_shows_crisis_lines(
    client_record, clinician, client
):
    html = open_link(client, checkin_link(client_record, clinician)).content.decode()
    assert "reads check-ins during working hours" in html
    assert "Nobody is watching them as they arrive" in html
    assert 'href="tel:988"' in html
    # Accessible scales: a fieldset and legend each, 11 labelled radios, ends in words.
    assert html.count('<fieldset class="scale"') == 3
    assert "<legend>How has your mood been?</legend>" in html
    assert len(re.findall(r'<input type="radio" name="mood" value="\d+"', html)) == 11
    assert "0 = very low, 10 = very good" in html


def answers(text="", **scales):
    return {"mood": 5, "sleep": 6, "stress": 7, "text": text, **scales}


def test_a_check_in_through_the_link_is_saved_and_screened(client_record, clinician, client):
    """Hazard: a risk statement in a check-in is not flagged (the link path)."""
    issued = checkin_link(client_record, clinician)
    open_link(client, issued)
    go = reverse("portal:go", args=[issued.token])
    response = client.post(go, answers("rough week, honestly I want to die"))
    assert "your check-in was sent" in response.content.decode()
    checkin = Checkin.objects.get()
    assert (checkin.mood, checkin.sleep, checkin.stress) == (5, 6, 7)
    assert checkin.channel == "link" and checkin.recorded_by is None
    assert checkin.flagged and checkin.severity == "moderate"
    alert = Alert.objects.get(client=client_record)
    assert alert.source == "checkin" and alert.severity == "moderate"
    assert '"want to die"' in alert.evidence
    assert "want to die" not in alert.reason  # the reason is not encrypted: no client words
    # Reusable: a second check-in through the same link.
    client.post(go, answers("better today"))
    assert Checkin.objects.count() == 2 and Alert.objects.count() == 1
    assert PortalLink.objects.get(pk=issued.link.pk).state == "open"


def test_the_same_thank_you_whether_or_not_flagged(client_record, clinician, client):
    issued = checkin_link(client_record, clinician)
    open_link(client, issued)
    go = reverse("portal:go", args=[issued.token])
    flagged = client.post(go, answers("I'm going to kill myself")).content.decode()
    plain = client.post(go, answers("fine")).content.decode()
    strip = lambda html: re.sub(r"\s+", " ", html)  # noqa: E731
    assert strip(flagged) == strip(plain)


def test_a_check_in_without_the_scales_is_refused(client_record, clinician, client):
    issued = checkin_link(client_record, clinician)
    open_link(client, issued)
    response = client.post(reverse("portal:go", args=[issued.token]), {"text": "hi"})
    assert response.status_code == 400
    assert Checkin.objects.count() == 0


def test_a_withdrawn_check_in_link_takes_no_check_in(client_record, clinician, client):
    issued = checkin_link(client_record, clinician)
    open_link(client, issued)
    client_links.client_link_withdraw(
        acting_user=clinician, client=client_record, link_id=issued.link.pk
    )
    response = client.post(reverse("portal:go", args=[issued.token]), answers("hello"))
    assert response.status_code == 410
    assert Checkin.objects.count() == 0
