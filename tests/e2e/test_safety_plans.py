"""The safety plan and check-ins in a real browser: a clinician writes the plan and
makes the client's link; the client opens it on a phone-sized screen, enters their date
of birth, and every number on it is a tappable tel: link; a check-in sent through the
check-in link with risk words shows flagged, its words highlighted, on the record."""

import re
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True}


def _first_client(page: Page, caseload_links) -> tuple[str, str]:
    link = caseload_links(page)[0]
    page.goto(link)
    born = page.locator("dt:has-text('Date of birth') + dd").inner_text()
    # A date, not a moment: no time zone applies.
    return link, datetime.strptime(born, "%d %b %Y").date().isoformat()  # noqa: DTZ007


def _new_link(page: Page) -> str:
    return page.get_by_test_id("new-link").input_value()


def _client_opens(new_context, url: str, born: str) -> Page:
    phone = new_context(**PHONE).new_page()
    phone.goto(url)
    phone.get_by_label("Your date of birth").fill(born)
    phone.get_by_role("button", name="Continue").click()
    return phone


def test_the_client_opens_their_plan_on_a_phone_with_tappable_numbers(
    page: Page, new_context, sign_in, caseload_links, screenshot
):
    sign_in(page, "clinician")
    record, born = _first_client(page, caseload_links)
    page.goto(f"/safety/clients/{record.rstrip('/').split('/')[-1]}/safety-plan/edit/")
    page.get_by_label("1. Signs that a hard time may be coming").fill("Not answering my phone")
    page.get_by_label("4. People I can ask for help").fill("My sister Ana: (555) 010-0142")
    page.get_by_label("7. What matters most to me").fill("My daughter")
    page.get_by_role("button", name="Save as a new version").click()
    # The demo may already hold versions of this client's plan: any new version will do.
    expect(page.get_by_text(re.compile(r"Saved as version \d+\."))).to_be_visible()
    page.get_by_role("button", name="Make a link").first.click()
    url = _new_link(page)
    screenshot(page, "safety-plan-staff")

    phone = _client_opens(new_context, url, born)
    expect(phone.get_by_role("heading", name="My safety plan")).to_be_visible()
    ana = phone.get_by_role("link", name="(555) 010-0142")
    expect(ana).to_have_attribute("href", "tel:5550100142")
    expect(phone.locator("footer a[href='tel:988']")).to_be_visible()
    # One column on a phone: nothing wider than the screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    box = ana.bounding_box()
    assert box["height"] >= 40  # big enough to tap
    screenshot(phone, "safety-plan-phone")


def test_a_flagged_check_in_shows_highlighted_on_the_record(
    page: Page, new_context, sign_in, caseload_links, screenshot
):
    sign_in(page, "clinician")
    record, born = _first_client(page, caseload_links)
    client_id = record.rstrip("/").split("/")[-1]
    page.goto(f"/safety/clients/{client_id}/checkins/")
    page.get_by_role("button", name=re.compile("Make a (new )?link")).click()
    url = _new_link(page)

    phone = _client_opens(new_context, url, born)
    expect(phone.get_by_text("Nobody is watching them as they arrive")).to_be_visible()
    # The scales work from the keyboard: focus one radio, arrow along the group.
    phone.get_by_role("group", name="How has your mood been?").get_by_label("3").check()
    phone.keyboard.press("ArrowRight")
    phone.get_by_role("group", name="How have you been sleeping?").get_by_label("5").check()
    phone.get_by_role("group", name="How stressed have you felt?").get_by_label("8").check()
    phone.get_by_label("Anything you want your care team to know").fill(
        "rough week and honestly I want to die"
    )
    screenshot(phone, "checkin-phone")
    phone.get_by_role("button", name="Send my check-in").click()
    expect(phone.get_by_text("your check-in was sent")).to_be_visible()

    page.goto(f"/safety/clients/{client_id}/checkins/")
    page.locator("tr.flagged a").first.click()
    expect(page.locator("mark", has_text="want to die").first).to_be_visible()
    expect(page.get_by_text("Mood")).to_be_visible()
    screenshot(page, "checkin-flagged")
