"""The professional's side in a real browser: an out-of-hours contact is marked, and the
private self-check is seen by its owner and by nobody else, not even their supervisor."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def test_an_out_of_hours_contact_is_marked(page: Page, sign_in, caseload_links, screenshot):
    sign_in(page, "clinician")
    page.goto(caseload_links(page)[0])
    # Contacts between sessions is in the record's Safety group.
    page.get_by_role("link", name="Safety", exact=True).click()
    page.get_by_role("link", name="Contacts between sessions").click()
    expect(page.get_by_test_id("contact-policy")).to_contain_text("Agreed contact times")

    # Two days back in the practice's zone (the demo's default), so it is surely past.
    practice_today = datetime.datetime.now(ZoneInfo("America/New_York")).date()
    day = practice_today - datetime.timedelta(days=2)
    note = f"E2E late call {day.isoformat()}"
    page.get_by_label("How", exact=True).select_option("phone")
    page.get_by_label("Who started it").select_option("client")
    # 23:40 is outside any agreed hours the demo sets, and outside the practice default.
    page.get_by_label("When it started").fill(f"{day.isoformat()}T23:40")
    page.get_by_label("How long (minutes)").fill("25")
    page.get_by_label("A short note").fill(note)
    page.get_by_role("button", name="Log contact").click()

    expect(page.get_by_role("status")).to_contain_text("Contact logged.")
    row = page.get_by_test_id("contacts").locator("tr", has_text=note)
    expect(row).to_have_count(1)
    expect(row.get_by_test_id("out-of-hours")).to_have_text("Out of hours")
    screenshot(page, "wellbeing-contacts")


def test_the_self_check_is_private_to_its_owner(new_context, sign_in, screenshot):
    # clinician2 is supervised by `supervisor`: even their own supervisor cannot open it.
    owner = sign_in(new_context(viewport=PHONE).new_page(), "clinician2")
    owner.get_by_role("button", name="Menu").click()  # the sidebar folds away on a phone
    owner.get_by_role("link", name="My wellbeing").click()
    owner.get_by_role("link", name="Take the WHO-5").click()
    questions = owner.locator("fieldset.question")
    expect(questions).to_have_count(5)
    # The first answer by keyboard: focus the first choice and press Space.
    questions.nth(0).get_by_role("radio").first.focus()
    owner.keyboard.press("Space")
    for index in range(1, 5):
        questions.nth(index).get_by_label("Some of the time").check()
    owner.get_by_role("button", name="See my result").click()

    expect(owner.get_by_role("heading", level=1)).to_have_text("Your self-check")
    result = owner.get_by_test_id("self-check-result")
    expect(result).to_contain_text("WHO-5 wellbeing")
    expect(result).to_contain_text("36")  # (5 + 4 x 1) x 4
    screenshot(owner, "wellbeing-self-check")
    result_url = owner.url
    assert re.search(r"/wellbeing/self-check/\d+/$", result_url)

    supervisor = sign_in(new_context().new_page(), "supervisor")
    response = supervisor.goto(result_url)
    assert response.status == 404
    expect(supervisor.get_by_role("heading", level=1)).to_have_text("Not found")
    expect(supervisor.get_by_test_id("self-check-result")).to_have_count(0)

    # The supervisor's view of the same person: workload figures, never the self-check.
    supervisor.goto("/wellbeing/supervision/")
    supervisor.get_by_role("listitem").filter(has_text="Marcus Bell").get_by_role(
        "link", name="workload"
    ).click()
    expect(supervisor.get_by_role("heading", level=1)).to_contain_text("Marcus Bell")
    expect(supervisor.locator("main")).not_to_contain_text("WHO-5")

    admin = sign_in(new_context().new_page(), "admin")
    assert admin.goto(result_url).status == 403
