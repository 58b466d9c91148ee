"""The clinician's Today in a real browser, on the demo practice: sign-in lands there,
and attendance is recorded from it by keyboard alone, with the outcome announced in the
page's status region and the focus kept on the button pressed."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_a_clinician_records_attendance_from_today_by_keyboard(page, sign_in, screenshot):
    sign_in(page, "clinician", then=None)
    expect(page.get_by_role("heading", name="Today", exact=True).first).to_be_visible()
    row = page.get_by_test_id("today-appointment").first
    expect(row).to_be_visible()
    client_name = row.get_by_role("link").first.inner_text()
    button = row.get_by_role("button", name="Attended")
    button_id = button.get_attribute("id")

    # Keyboard only: tab to the first appointment's "Attended" and press Enter.
    page.locator("body").focus()
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == button_id:
            break
    else:
        pytest.fail("the Attended button cannot be reached with the Tab key")
    page.keyboard.press("Enter")

    status = page.get_by_test_id("today-status")
    expect(status).to_contain_text(f"{client_name} at")
    expect(status).to_contain_text("Attended recorded.")
    expect(page.locator(f"#{button_id}")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"#{button_id}")).to_be_focused()
    row = page.locator(f"#{button_id}").locator("xpath=ancestor::tr")
    expect(row.get_by_test_id("attendance-state")).to_have_text("Attended")
    screenshot(page, "home-today-recorded")

    # Recorded, not just drawn: Today says so again after a reload.
    page.reload()
    expect(page.locator(f"#{button_id}")).to_have_attribute("aria-pressed", "true")
