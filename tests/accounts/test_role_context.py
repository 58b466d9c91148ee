"""Role rules the pages show are given to the templates by the views (from the user
model), not spelled out as role names in the templates (H-118)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from caseload.core import clock
from caseload.privacy import services


@pytest.mark.parametrize(
    ("persona", "heading"),
    [
        ("clinician", "My caseload"),
        ("supervisor", "My caseload"),
        ("intake", "Clients"),
        ("admin", "Clients"),
    ],
)
def test_the_caseload_heading_follows_the_role(request, as_user, persona, heading):
    user = request.getfixturevalue(persona)
    page = as_user(user).get(reverse("clients:caseload")).content.decode()
    assert f"<h1>{heading}</h1>" in page


def test_report_lines_show_the_officer_a_number_and_the_reporter_a_name(
    as_user, clinician, privacy_officer, client_record
):
    """H-048: the privacy officer oversees reports without reading who the client is."""
    report = services.report_open(
        acting_user=clinician,
        client=client_record,
        kind="child",
        concern="Bruises the child could not explain.",
        jurisdiction="Ontario",
        concern_at=clock.now() - timedelta(hours=1),
    )
    for url in (reverse("privacy:reports"), reverse("privacy:report", args=[report.pk])):
        officer_page = as_user(privacy_officer).get(url).content.decode()
        assert f"#{client_record.pk}" in officer_page
        assert client_record.display_name not in officer_page
        reporter_page = as_user(clinician).get(url).content.decode()
        assert client_record.display_name in reporter_page


def test_role_properties_on_the_user(clinician, intake, admin, supervisor, privacy_officer):
    assert privacy_officer.is_privacy_officer and not clinician.is_privacy_officer
    assert clinician.keeps_a_caseload and supervisor.keeps_a_caseload
    assert not intake.keeps_a_caseload and not admin.keeps_a_caseload
