"""Session notes in a real browser: write a DAP note that saves itself as it is typed,
sign it, amend it; and the timeline at phone width."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def _first_client(page: Page, caseload_links) -> str:
    links = caseload_links(page)
    assert links, "the demo clinician has no clients"
    return links[0]


def test_write_a_dap_note_sign_it_and_amend_it(page: Page, sign_in, caseload_links, screenshot):
    sign_in(page, "clinician")
    client_url = _first_client(page, caseload_links)
    page.goto(client_url)
    # Notes is in the record's Clinical group.
    page.get_by_role("link", name="Clinical", exact=True).click()
    page.get_by_role("link", name="Notes", exact=True).click()
    page.get_by_role("link", name="Write a note").click()
    page.get_by_label("Type of note").select_option("progress")
    page.get_by_role("button", name="Start the note").click()
    expect(page.get_by_role("heading", name="Progress note (DAP)")).to_be_visible()

    # Autosave: typing is enough; the status line answers with the time it was saved.
    with page.expect_response(re.compile(r"/save/$")) as answer:
        page.get_by_label("Data").fill("Slept six hours most nights; one panic episode.")
    assert answer.value.status == 200
    expect(page.get_by_test_id("saved-at")).to_contain_text(re.compile(r"Saved at \d\d:\d\d"))
    page.get_by_label("Assessment").press_sequentially("Improving.")
    # Wait for the save that carries the last words before reloading: a reload during
    # a save would (rightly) meet that save as a newer version.
    with page.expect_response(
        lambda response: (
            response.url.endswith("/save/") and "diary" in (response.request.post_data or "")
        )
    ):
        page.get_by_label("Plan").fill("Continue the sleep diary.")
    page.reload()
    expect(page.get_by_label("Data")).to_have_value(
        "Slept six hours most nights; one panic episode."
    )
    screenshot(page, "note-draft")

    page.get_by_test_id("sign").click()
    expect(page.get_by_test_id("sign-confirm")).to_be_focused()
    page.get_by_test_id("confirm-sign").click()
    expect(page.get_by_text("Signed. The note is now locked")).to_be_visible()
    expect(page.get_by_test_id("note-editor")).to_have_count(0)
    expect(page.get_by_text("Continue the sleep diary.")).to_be_visible()

    page.get_by_role("textbox", name="Amendment").fill("Correction: two panic episodes, not one.")
    page.get_by_role("button", name="Add and sign the amendment").click()
    amendment = page.get_by_test_id("amendment")
    expect(amendment).to_contain_text("Correction: two panic episodes, not one.")
    expect(amendment).to_contain_text("Added and signed on")
    # The original stays as it was signed, above its amendment.
    expect(page.get_by_text("Slept six hours most nights; one panic episode.")).to_be_visible()
    screenshot(page, "note-signed")


def test_the_timeline_at_phone_width(new_context, sign_in, caseload_links, screenshot):
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_in(page, "clinician")
    page.goto(_first_client(page, caseload_links) + "timeline/")
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    expect(page.get_by_test_id("timeline").locator("li").first).to_be_visible()
    page.get_by_label("Notes").check()
    page.get_by_role("button", name="Filter").click()
    # The URL changes before the new document is there: wait for it to load.
    page.wait_for_url("**show=notes**")
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the timeline scrolls sideways on a phone ({width}px)"
    screenshot(page, "timeline-phone")
