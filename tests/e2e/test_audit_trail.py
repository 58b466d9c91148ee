"""The privacy officer finds who opened a client's record by typing the client's name,
and opens the raw event behind the sentence (H-117)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_privacy_officer_finds_who_opened_a_record_by_the_clients_name(
    new_context, sign_in, caseload_links, screenshot
):
    clinician = sign_in(new_context().new_page(), "clinician")
    record = caseload_links(clinician)[0]
    clinician.goto(record)
    legal_name = clinician.locator("dt:text-is('Legal name') + dd").inner_text().strip()

    officer = sign_in(new_context(viewport={"width": 1366, "height": 900}).new_page(), "privacy")
    officer.goto("/")
    officer.get_by_role("link", name="Audit trail").first.click()
    officer.get_by_label("Client's name").fill(legal_name)
    officer.get_by_label("Action").select_option("client.read")
    officer.get_by_role("button", name="Search").click()

    sentences = officer.get_by_test_id("audit-sentence")
    expect(sentences.first).to_have_text(re.compile(rf"^Chloe Martin opened .*{legal_name}"))
    expect(officer.get_by_test_id("clients-found")).to_contain_text(legal_name)
    screenshot(officer, "audit-search-by-name")

    officer.get_by_test_id("audit-event").first.get_by_role("link").click()
    expect(officer.get_by_test_id("audit-raw")).to_contain_text("client.read")
    expect(officer.get_by_test_id("audit-hash-check")).to_contain_text("has not been changed")
    screenshot(officer, "audit-raw-event")
