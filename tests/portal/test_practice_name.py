"""Every page a client reaches by link names the practice, never "caseload": one name,
the administrator's in the app or else CASELOAD_PRACTICE_NAME."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

import caseload
from caseload.clients.models import Appointment
from caseload.core import clock
from caseload.measures.services import measure_link_send
from caseload.plans.services import feedback_link_create
from caseload.safety.client_links import client_link_issue
from caseload.safety.services import practice_settings_update

pytestmark = pytest.mark.django_db

TEMPLATES = Path(caseload.__file__).parent / "templates"


def _visible(text: str) -> str:
    """The page without its stylesheet and script addresses (/static/caseload/...)."""
    return text.replace("/static/caseload/", "/static/")


def _pages(client_record, clinician) -> list[str]:
    """The date-of-birth page and the page behind it, for three kinds of link."""
    past = Appointment.objects.create(
        client=client_record,
        clinician=clinician,
        attendance="attended",
        starts_at=clock.now() - timedelta(days=1),
    )
    paths = [
        measure_link_send(
            acting_user=clinician, client=client_record, instrument="phq9", base_url=""
        ).issued.path,
        client_link_issue(acting_user=clinician, client=client_record, kind="checkin").path,
        feedback_link_create(acting_user=clinician, appointment=past).path,
    ]
    texts = []
    for path in paths:
        browser = HttpClient()
        texts.append(browser.get(path).content.decode())
        dob = client_record.date_of_birth.isoformat()
        assert browser.post(path, {"date_of_birth": dob}).status_code == 302
        texts.append(browser.get(f"{path}go/").content.decode())
    return texts


def test_client_pages_name_the_practice_from_the_deployment(settings, client_record, clinician):
    settings.CASELOAD_PRACTICE_NAME = "Harbour Street Counselling"

    for text in _pages(client_record, clinician):
        assert "<title>" in text and "Harbour Street Counselling" in text
        assert '<span class="brand">Harbour Street Counselling</span>' in text
        assert "caseload" not in _visible(text).lower()


def test_the_name_an_administrator_sets_wins_everywhere(
    settings, client_record, clinician, admin, as_user
):
    settings.CASELOAD_PRACTICE_NAME = "Harbour Street Counselling"
    practice_settings_update(acting_user=admin, changes={"practice_name": "Elm Row Therapy"})

    for text in _pages(client_record, clinician):
        assert "Elm Row Therapy" in text and "Harbour Street" not in text
    # Staff pages read the same name (the page title of a page without its own).
    staff = as_user(clinician).get(reverse("accounts:account"))
    assert staff.context["practice_name"] == "Elm Row Therapy"


def test_the_closed_link_page_names_the_practice(settings):
    settings.CASELOAD_PRACTICE_NAME = "Harbour Street Counselling"
    text = HttpClient().get("/p/not-a-real-token/").content.decode()
    assert "Harbour Street Counselling" in text
    assert "caseload" not in _visible(text).lower()


def test_no_client_page_template_says_caseload():
    """Every template a client sees extends portal/base.html, which names the practice;
    none of them has the word in its own text."""
    client_pages = [
        path
        for path in TEMPLATES.rglob("*.html")
        if '{% extends "portal/base.html" %}' in path.read_text()
    ]
    assert len(client_pages) >= 12  # measures, plans, consents, check-ins, safety plan...
    for path in [TEMPLATES / "portal" / "base.html", *client_pages]:
        text = _visible(path.read_text().replace("static 'caseload/", "static '"))
        assert "caseload" not in text.lower(), path
    base = (TEMPLATES / "portal" / "base.html").read_text()
    assert "<title>{% block title %}{{ practice_name }}{% endblock %}</title>" in base
    assert '<span class="brand">{{ practice_name }}</span>' in base
