"""Safety plans on the client's record: versions, what changed, the print layout and the
client's link made and withdrawn from the staff pages."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from caseload.audit.models import AuditEvent
from caseload.portal.models import PortalLink
from caseload.safety import client_links
from caseload.safetyplans import services as plan_services
from caseload.safetyplans.models import SafetyPlanVersion
from safetyplans.helpers import PLAN, save_plan


def edit_form(**overrides) -> dict:
    data = {
        "based_on": "1",
        "warning_signs": "I stop answering my phone\nLying awake past 3am",
        "coping_alone": "Cold water on my face",
        "distractions": "",
        "people_to_ask": "My sister Ana: (555) 010-0142",
        "services": "",
        "safer_surroundings": "Tablets: Ana keeps them",
        "reasons_for_living": "My daughter",
        "note": "",
    }
    data.update(overrides)
    return data


def test_every_save_is_a_new_version_and_earlier_ones_stay(client_record, clinician, colleague):
    first = save_plan(client_record, clinician)
    second = save_plan(client_record, colleague, coping_alone=["Music, loud"])
    assert (first.number, second.number) == (1, 2)
    first.refresh_from_db()
    assert first.steps["coping_alone"] == PLAN["coping_alone"]
    assert second.created_by == colleague
    assert (
        AuditEvent.objects.filter(action="safety_plan.revise", client_id=client_record.pk).count()
        == 2
    )


def test_the_plan_is_encrypted_at_rest(client_record, clinician):
    version = save_plan(client_record, clinician)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM safety_safetyplanversion WHERE id = %s", [version.pk])
        (stored,) = cursor.fetchone()
    # Whole phrases of the plan, not short words: a short word such as "Ana" turns up in
    # random base64 ciphertext about once in a hundred runs.
    for phrase in ("My sister Ana", "(555) 010-0142", "Ana keeps them"):
        assert phrase not in stored


def test_saving_the_same_plan_adds_no_version(client_record, clinician):
    save_plan(client_record, clinician)
    again = save_plan(client_record, clinician)
    assert again.number == 1 and SafetyPlanVersion.objects.count() == 1


def test_a_save_based_on_an_old_version_is_refused(client_record, clinician, colleague):
    save_plan(client_record, clinician)
    save_plan(client_record, colleague, reasons_for_living=["My dog"])
    with pytest.raises(ValidationError, match="Version 2 was saved while you were editing"):
        plan_services.safety_plan_revise(
            acting_user=clinician, client=client_record, steps=PLAN, based_on=1
        )
    assert SafetyPlanVersion.objects.count() == 2


def test_editing_in_the_browser_saves_a_version(client_record, clinician, as_user):
    save_plan(client_record, clinician)
    http = as_user(clinician)
    url = reverse("safetyplans:edit", args=[client_record.pk])
    assert "My sister Ana: (555) 010-0142" in http.get(url).content.decode()
    response = http.post(url, edit_form(note="Reviewed after Tuesday"))
    assert response.status_code == 302
    latest = plan_services.current_safety_plan(client_record)
    assert latest.number == 2 and latest.note == "Reviewed after Tuesday"
    assert latest.steps["safer_surroundings"] == [
        {"method": "Tablets", "agreed": "Ana keeps them"}
    ]


def test_an_invalid_edit_answers_400_and_saves_nothing(client_record, clinician, as_user):
    save_plan(client_record, clinician)
    http = as_user(clinician)
    url = reverse("safetyplans:edit", args=[client_record.pk])
    response = http.post(url, edit_form(people_to_ask="x" * 600))
    assert response.status_code == 400
    assert "500 characters" in response.content.decode()
    stale = http.post(url, edit_form(based_on="0"))
    assert stale.status_code == 400
    assert SafetyPlanVersion.objects.count() == 1


def test_the_version_page_shows_what_changed(client_record, clinician, colleague, as_user):
    save_plan(client_record, clinician)
    save_plan(client_record, colleague, reasons_for_living=["My daughter", "Swimming again"])
    html = (
        as_user(clinician)
        .get(reverse("safetyplans:version", args=[client_record.pk, 2]))
        .content.decode()
    )
    assert re.search(r'<li class="added">.*?Swimming again', html, re.S)
    assert "<del>Finishing my apprenticeship</del>" in html
    assert html.count('class="plan-step changed"') == 1
    assert "Colleague Tester" in html  # who saved it
    old = as_user(clinician).get(reverse("safetyplans:version", args=[client_record.pk, 1]))
    assert "not the current version" in old.content.decode()
    missing = as_user(clinician).get(reverse("safetyplans:version", args=[client_record.pk, 9]))
    assert missing.status_code == 404


def test_the_print_layout_is_one_sheet_with_tappable_numbers(client_record, clinician, as_user):
    save_plan(client_record, clinician)
    http = as_user(clinician)
    url = reverse("safetyplans:print", args=[client_record.pk])
    page = http.get(url).content.decode()
    assert '<body class="plan-print plan-page">' in page
    assert page.count('<main class="sheet"') == 1
    assert page.count('<li class="plan-step') == 7
    assert '<a href="tel:5550100142" class="tel">(555) 010-0142</a>' in page
    assert 'href="tel:988"' in page  # the practice's crisis lines
    assert "site-header" not in page  # no app chrome on the sheet
    card = http.get(url + "?size=card").content.decode()
    assert '<body class="plan-print plan-card">' in card
    css = (Path(__file__).parents[2] / "src/caseload/static/caseload/app.css").read_text()
    assert "@page card { size: 105mm 148mm;" in css and ".plan-card .sheet { page: card;" in css


def test_a_link_is_shown_once_and_withdrawn(client_record, clinician, as_user):
    save_plan(client_record, clinician)
    http = as_user(clinician)
    plan_url = reverse("safetyplans:plan", args=[client_record.pk])
    response = http.post(reverse("safetyplans:plan_link", args=[client_record.pk]))
    assert response["Location"] == plan_url
    first = http.get(plan_url).content.decode()
    shown = re.search(r'value="(http://testserver/p/[^"/]+/)" data-testid="new-link"', first)
    assert shown
    assert 'data-testid="new-link"' not in http.get(plan_url).content.decode()
    link = PortalLink.objects.get(client=client_record, kind="safety_plan")
    assert link.single_use is False and link.expires_at is None
    http.post(reverse("safety:link_revoke", args=[client_record.pk, link.pk]))
    link.refresh_from_db()
    assert link.state == "revoked"


def test_a_new_link_withdraws_the_old_one(client_record, clinician):
    save_plan(client_record, clinician)
    first = client_links.client_link_issue(
        acting_user=clinician, client=client_record, kind="safety_plan"
    )
    client_links.client_link_issue(acting_user=clinician, client=client_record, kind="safety_plan")
    first.link.refresh_from_db()
    assert first.link.state == "revoked"
    assert len(client_links.open_links(client_record, "safety_plan")) == 1


def test_no_link_before_there_is_a_plan(client_record, clinician):
    with pytest.raises(ValidationError, match="Save a safety plan"):
        client_links.client_link_issue(
            acting_user=clinician, client=client_record, kind="safety_plan"
        )


def test_another_clients_link_cannot_be_withdrawn_through_this_client(
    client_record, clinician, as_user
):
    from factories import make_client

    other = make_client(primary=clinician, legal_name="Other Person")
    save_plan(other, clinician)
    issued = client_links.client_link_issue(
        acting_user=clinician, client=other, kind="safety_plan"
    )
    response = as_user(clinician).post(
        reverse("safety:link_revoke", args=[client_record.pk, issued.link.pk])
    )
    assert response.status_code == 404
    issued.link.refresh_from_db()
    assert issued.link.state == "open"


def test_the_tabs_appear_for_clinical_roles_only(client_record, clinician, intake, as_user):
    detail = reverse("clients:detail", args=[client_record.pk])
    assert "Safety plan" in as_user(clinician).get(detail).content.decode()
    assert (
        reverse("safetyplans:plan", args=[client_record.pk])
        not in as_user(intake).get(detail).content.decode()
    )
