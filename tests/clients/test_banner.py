"""H-008: a professional walks in unprepared for an interpreter need or a sensitivity.
The banner shows on every page of the client, for every role that sees the client's
communication profile, and nowhere for roles that do not."""

import pytest
from django.urls import reverse

CLIENT_PAGES = [
    "clients:detail",
    "clients:edit",
    "clients:perspective",
    "clients:communication",
    "clients:appointments",
    "clients:episodes",
    "clients:care_team",
]
SENSITIVITY = "Lost a brother to suicide: ask about family gently."


@pytest.mark.parametrize("page", CLIENT_PAGES)
def test_banner_on_every_client_page_for_the_treating_clinician(
    page, client_record, clinician, as_user
):
    response = as_user(clinician).get(reverse(page, args=[client_record.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="client-banner"' in html
    assert "Interpreter needed" in html and "Spanish" in html
    assert SENSITIVITY in html


@pytest.mark.parametrize("persona", ["colleague", "supervisor", "intake"])
def test_banner_for_everyone_who_meets_the_client(persona, client_record, request, as_user):
    user = request.getfixturevalue(persona)
    response = as_user(user).get(reverse("clients:detail", args=[client_record.pk]))
    assert SENSITIVITY in response.content.decode()


def test_admin_sees_no_banner_content_on_the_care_team_page(client_record, admin, as_user):
    """H-009: the admin's page has the client's name and team, nothing clinical."""
    response = as_user(admin).get(reverse("clients:care_team", args=[client_record.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Jordan Rivera" in html
    assert SENSITIVITY not in html and "client-banner" not in html


def test_no_banner_when_nothing_to_warn_about(clinician, as_user):
    from factories import make_client

    plain = make_client(primary=clinician)
    html = as_user(clinician).get(reverse("clients:detail", args=[plain.pk])).content.decode()
    assert "client-banner" not in html


def test_banner_text_is_escaped(client_record, clinician, as_user):
    from caseload.clients.services import communication_save

    communication_save(
        acting_user=clinician,
        client=client_record,
        changes={"sensitivities": "<script>alert(1)</script>"},
    )
    html = as_user(clinician).get(reverse("clients:detail", args=[client_record.pk])).content
    assert b"<script>alert(1)</script>" not in html
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in html
