"""Releases and disclosures in a real browser: the client signs a release through their
link on a phone-sized screen, the clinician discloses under it, and the accounting shows
it. Hazard: H-042 (information disclosed without the client's authorization)."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _client_identity(page: Page, link: str) -> tuple[str, str]:
    page.goto(link)
    legal_name = page.locator("dt:text-is('Legal name') + dd").inner_text().strip()
    born = page.locator("dt:text-is('Date of birth') + dd").inner_text().strip()
    return legal_name, datetime.strptime(born, "%d %b %Y").replace(tzinfo=UTC).date().isoformat()


def test_client_signs_a_release_and_the_clinician_discloses_under_it(
    new_context, sign_in, caseload_links, demo_server, screenshot
):
    clinician = sign_in(new_context().new_page(), "clinician")
    link = caseload_links(clinician)[-1]
    legal_name, born = _client_identity(clinician, link)

    # The clinician drafts the release from the client's Privacy tab, in the Legal group.
    clinician.get_by_role("link", name="Legal", exact=True).click()
    clinician.get_by_role("link", name="New release of information").click()
    clinician.get_by_label(re.compile(r"^Recipient:?$")).fill("Dr Iris Vale, school nurse (demo)")
    clinician.get_by_label("Recipient's address, email or phone").fill("iris@example.org")
    clinician.get_by_label("Attendance", exact=True).check()
    clinician.get_by_label("Purpose").fill("Attendance letter for school")
    expires = (datetime.now(tz=UTC).date() + timedelta(days=60)).isoformat()
    clinician.get_by_label("Expires on").fill(expires)
    clinician.get_by_role("button", name="Draft and make the signing link").click()
    signing_url = clinician.get_by_role("textbox", name="Link").input_value()
    assert "/p/" in signing_url

    # The client, on their phone, opens the link, reads the text and signs.
    phone = new_context(**PHONE).new_page()
    phone.goto(signing_url)
    phone.get_by_label("Your date of birth").fill(born)
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_test_id("signed-text")).to_contain_text("Dr Iris Vale")
    phone.get_by_label("Type your full name to sign").fill(legal_name)
    screenshot(phone, "privacy-sign-release-phone")
    phone.get_by_role("button", name="I have read this and I sign").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Signed")

    # The clinician discloses under the signed release, confirming their password.
    clinician.goto(link.replace("/clients/", "/privacy/clients/"))
    clinician.get_by_role("link", name="Disclose information").click()
    clinician.get_by_label("Under this release").select_option(label=None, index=1)
    clinician.get_by_label("Attendance", exact=True).check()
    clinician.get_by_role("button", name="Check what will be sent").click()
    expect(clinician.get_by_test_id("disclose-confirm")).to_be_focused()
    clinician.get_by_label("Your own password, to confirm").fill(
        demo_server.passwords["clinician"]
    )
    clinician.get_by_role("button", name="Build the packet and record the disclosure").click()

    accounting = clinician.get_by_test_id("accounting")
    expect(accounting).to_contain_text("Dr Iris Vale, school nurse (demo)")
    expect(accounting).to_contain_text("Attendance letter for school")
    screenshot(clinician, "privacy-accounting")


def test_break_the_glass_needs_a_reason(new_context, sign_in, demo_server):
    outsider = sign_in(new_context().new_page(), "clinician3")
    outsider.get_by_role("link", name="Emergency access").click()
    outsider.get_by_label("Client's full legal name").fill("Nobody Known")
    outsider.get_by_label("Client's date of birth").fill("1990-01-01")
    outsider.get_by_label("Your own password, to confirm").fill(
        demo_server.passwords["clinician3"]
    )
    outsider.get_by_role("button", name="Open the record").click()
    # The reason is required: the server refuses before anything opens, and the error
    # summary takes focus and leads to the field.
    summary = outsider.get_by_test_id("error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name=re.compile("^Reason for emergency access")).click()
    expect(outsider.get_by_label("Reason for emergency access")).to_be_focused()
    assert "/privacy/break-glass/" in outsider.url
