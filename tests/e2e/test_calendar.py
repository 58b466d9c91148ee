"""The calendar in a real browser, by keyboard only: book from an empty slot of the week
view, then record attendance from the calendar and hear it announced, focus kept."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def tab_to(page: Page, predicate: str, limit: int = 400) -> None:
    """Press Tab until the focused element satisfies the JavaScript `predicate` (given
    `el`), as a keyboard user would; fail if it is never reached."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return {predicate}; }})()"
        ):
            return
    raise AssertionError(f"never reached by Tab: {predicate}")


def test_book_from_an_empty_slot_by_keyboard(page: Page, sign_in, screenshot):
    sign_in(page, "clinician")
    # A week far enough ahead that the demo has booked nothing in it.
    today = datetime.datetime.now(ZoneInfo("America/New_York")).date()  # the demo's zone
    monday = today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(weeks=30)
    wednesday = monday + datetime.timedelta(days=2)
    page.goto(f"/calendar/?view=week&date={monday.isoformat()}")
    expect(page.get_by_test_id("calendar-grid")).to_be_visible()

    slot = f"starts_at={wednesday.isoformat()}T10:00"
    tab_to(page, f"el.getAttribute('href') && el.getAttribute('href').includes('{slot}')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/calendar/book/"))
    expect(page.get_by_label("Starts at")).to_have_value(f"{wednesday.isoformat()}T10:00")

    tab_to(page, "el.name === 'client'")
    page.keyboard.press("ArrowDown")  # the first client in the list
    tab_to(page, "el.type === 'submit'")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/calendar/\?view=week"))
    expect(page.locator(".messages")).to_contain_text("Booked with")
    entry = page.get_by_test_id("calendar-grid").get_by_test_id("calendar-entry")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("Session")
    screenshot(page, "calendar-booked-week")

    # Attendance from the calendar, by keyboard: open, choose, record.
    tab_to(page, "el.tagName === 'SUMMARY' && !!el.closest('[data-testid=calendar-grid]')")
    page.keyboard.press("Enter")
    tab_to(page, "el.tagName === 'SELECT' && el.name === 'attendance'")
    page.keyboard.press("End")  # the last outcome: cancelled by the clinician
    tab_to(page, "el.type === 'submit' && el.id.startsWith('cal-record-')")
    button_id = page.evaluate("document.activeElement.id")
    page.keyboard.press("Enter")

    expect(page.get_by_test_id("calendar-status")).to_contain_text(
        "Attendance recorded: Cancelled by the clinician"
    )
    expect(page.locator(f"#{button_id}")).to_be_focused()
    expect(entry).to_contain_text("Cancelled by the clinician")


def test_a_phone_shows_the_week_as_a_list_of_days(new_context, sign_in, screenshot):
    page = sign_in(new_context(viewport=PHONE).new_page(), "clinician")
    page.goto("/calendar/")
    expect(page.get_by_test_id("calendar-grid")).to_be_hidden()
    days = page.get_by_test_id("calendar-day-list").get_by_role("heading", level=2)
    expect(days).to_have_count(7)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    screenshot(page, "calendar-week-phone")
