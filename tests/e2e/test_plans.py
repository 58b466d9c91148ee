"""The treatment plan in a real browser: the clinician makes a signing link, the client
opens it on a phone, gives their date of birth, reads the plan, types their name and
signs, and the clinician sees the plan signed."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def _plan_awaiting_signature(page: Page, links: list[str]) -> str:
    # The demo leaves the first plan of `clinician` unsigned (plans/demo.py).
    for link in links:
        client_id = link.rstrip("/").rsplit("/", 1)[1]
        page.goto(f"/plans/clients/{client_id}/")
        if page.get_by_role("button", name="Make a link for the client to sign").count():
            return client_id
    pytest.fail("no client of `clinician` has a plan awaiting signature")


def test_the_client_signs_the_plan_through_a_link(
    new_context, sign_in, caseload_links, screenshot
):
    clinician = sign_in(new_context().new_page(), "clinician")
    client_id = _plan_awaiting_signature(clinician, caseload_links(clinician))
    plan_url = f"/plans/clients/{client_id}/"
    expect(clinician.get_by_test_id("signature-status")).to_contain_text("not signed yet")
    clinician.goto(f"/clients/{client_id}/")
    birth = clinician.locator("dt:text-is('Date of birth') + dd").inner_text()
    name = clinician.locator("dt:text-is('Legal name') + dd").inner_text()
    clinician.goto(plan_url)
    clinician.get_by_role("button", name="Make a link for the client to sign").click()
    link = clinician.get_by_label("Link").input_value()
    assert re.search(r"/p/[\w-]+/$", link)

    phone = new_context(viewport={"width": 375, "height": 740}, is_mobile=True).new_page()
    phone.goto(link)
    phone.get_by_label("Your date of birth").fill(_iso(birth))
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("heading", name="Your plan", exact=True)).to_be_visible()
    expect(phone.get_by_test_id("document")).to_contain_text("In my words")
    screenshot(phone, "plan-sign-phone")
    # Keyboard only, as someone using a switch or a keyboard would.
    phone.get_by_label("Type your full name to sign").fill(name)
    phone.get_by_label("I have read this and I agree to it").focus()
    phone.keyboard.press("Space")
    phone.get_by_role("button", name="Sign my plan").focus()
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Thank you, your plan is signed")

    clinician.goto(plan_url)
    status = clinician.get_by_test_id("signature-status")
    expect(status).to_contain_text(f"Version 1 signed by the client as “{name}”")
    screenshot(clinician, "plan-signed")
    # The link was for one use only.
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_have_text("This link no longer works")


def _iso(shown: str) -> str:
    """'17 May 1990' (the overview's format) -> '1990-05-17' for the date input."""
    import time

    return time.strftime("%Y-%m-%d", time.strptime(shown, "%d %b %Y"))


def _client_with_a_session_awaiting_feedback(page: Page, links: list[str]) -> str:
    for link in links:
        client_id = link.rstrip("/").rsplit("/", 1)[1]
        page.goto(f"/plans/clients/{client_id}/feedback/")
        if page.get_by_role("button", name="Make a feedback link").count():
            return client_id
    pytest.fail("no client of `clinician` has an attended session awaiting feedback")


def test_h085_h087_a_risky_feedback_comment_raises_an_alert_and_is_marked(
    new_context, sign_in, caseload_links, screenshot
):
    """H-085, H-087 in a real browser: the client writes risk words in the feedback
    comment; the clinician has an alert and reads the comment with the words marked."""
    clinician = sign_in(new_context().new_page(), "clinician")
    client_id = _client_with_a_session_awaiting_feedback(clinician, caseload_links(clinician))
    clinician.goto(f"/clients/{client_id}/")
    birth = clinician.locator("dt:text-is('Date of birth') + dd").inner_text()
    clinician.goto(f"/plans/clients/{client_id}/feedback/")
    clinician.get_by_role("button", name="Make a feedback link").first.click()
    link = clinician.get_by_label("Link").input_value()

    phone = new_context(viewport={"width": 375, "height": 740}, is_mobile=True).new_page()
    phone.goto(link)
    phone.get_by_label("Your date of birth").fill(_iso(birth))
    phone.get_by_role("button", name="Continue").click()
    for statement in ("I felt heard", "We worked on what I wanted", "The approach suits me"):
        group = phone.get_by_role("group", name=re.compile(statement))
        group.get_by_role("radio", name=re.compile(r"4")).check()
    phone.get_by_label(re.compile("Anything else you would like us to know")).fill(
        "The session was fine. ya no aguanto más, pienso en matarme"
    )
    phone.get_by_role("button", name="Send my feedback").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Thank you for your feedback")

    clinician.goto(f"/plans/clients/{client_id}/feedback/")
    expect(clinician.locator("mark", has_text="pienso en matarme").first).to_be_visible()
    clinician.goto("/safety/alerts/")
    expect(clinician.get_by_text("Session feedback comment mentions").first).to_be_visible()
    screenshot(clinician, "feedback-flagged")
