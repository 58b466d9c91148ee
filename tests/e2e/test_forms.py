"""Forms that help, in a real browser: an invalid form submitted from the keyboard puts
focus on the error summary at the top, whose links move focus to each field; a PHQ-9
with item 9 skipped is shown back with the missing risk item before anything is saved
(H-107), and once confirmed it alerts."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}


def _first_client_id(page: Page, caseload_links) -> str:
    links = caseload_links(page)
    assert links, "the demo clinician has no clients"
    return re.search(r"/clients/(\d+)/", links[0]).group(1)


def test_an_invalid_form_sent_by_keyboard_focuses_the_summary_and_its_links_reach_fields(
    page: Page, sign_in, caseload_links, screenshot
):
    sign_in(page, "clinician")
    client_id = _first_client_id(page, caseload_links)
    page.goto(f"/safety/clients/{client_id}/assessments/new/")
    expect(page.get_by_role("group", name="Current thoughts")).to_be_visible()

    page.get_by_role("button", name="Save and sign").focus()
    page.keyboard.press("Enter")

    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    screenshot(page, "forms-error-summary")
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link").first).to_be_focused()
    expect(summary.get_by_role("link").first).to_have_text(
        re.compile(r"^Current thoughts: This field is required")
    )
    page.keyboard.press("Enter")
    thoughts = page.get_by_role("group", name="Current thoughts")
    expect(thoughts.get_by_role("radio", name="None reported")).to_be_focused()
    # The error is read with the group; arrow keys choose within it.
    expect(thoughts).to_have_attribute("aria-describedby", re.compile("id_thoughts_errors"))
    page.keyboard.press("Space")
    expect(thoughts.get_by_role("radio", name="None reported")).to_be_checked()


def test_a_phq9_with_item_9_skipped_is_confirmed_first_and_then_alerts(
    new_context, sign_in, caseload_links, screenshot
):
    """H-107 end to end, at phone width: nothing is saved until the clinician confirms,
    the missing risk item is named, and the saved result raises its alert."""
    page = new_context(**PHONE).new_page()
    sign_in(page, "clinician")
    client_id = _first_client_id(page, caseload_links)
    page.goto(f"/measures/clients/{client_id}/record/phq9/")
    for number in range(1, 9):
        page.locator(f"#item-{number}").get_by_role("radio").first.check()

    page.get_by_role("button", name="Score and save").click()

    missing = page.get_by_test_id("missing-answers")
    expect(missing).to_be_focused()
    expect(page.get_by_test_id("missing-risk-item")).to_contain_text("Risk item 9")
    expect(missing).to_contain_text("prorated")
    screenshot(page, "forms-measure-missing-phone")
    page.get_by_test_id("confirm-missing").click()

    expect(page.get_by_role("status")).to_contain_text("PHQ-9 recorded")
    expect(page.get_by_role("status")).to_contain_text("was not answered: ask about it in person")
