"""The client record in a real browser: the sensitivities banner, the door for outsiders,
and attendance recorded in place with htmx."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def test_clinician_sees_the_sensitivities_banner_on_their_client(
    page: Page, sign_in, caseload_links, screenshot
):
    # The demo gives every third client a sensitivity and deals clients to clinicians in
    # turn, so the first client dealt to `clinician` has one.
    sign_in(page, "clinician")
    links = caseload_links(page)
    assert links, "the demo clinician has no clients"
    for link in links:
        page.goto(link)
        banner = page.get_by_test_id("client-banner")
        if banner.count() and "Approach with care" in banner.inner_text():
            break
    else:
        pytest.fail("no client of `clinician` shows the sensitivities banner")

    expect(banner).to_be_visible()
    # Above the record itself, so it is read before anything else.
    heading = page.get_by_role("heading", level=1)
    assert banner.bounding_box()["y"] < heading.bounding_box()["y"]
    screenshot(page, "client")


def test_outside_clinician_gets_not_found_for_another_clinicians_client(
    new_context, sign_in, caseload_links
):
    treating = sign_in(new_context().new_page(), "clinician")
    client_url = caseload_links(treating)[0]
    outsider = sign_in(new_context().new_page(), "clinician3")
    assert client_url not in caseload_links(outsider)

    response = outsider.goto(client_url)

    assert response.status == 404
    expect(outsider.get_by_role("heading", level=1)).to_have_text("Not found")
    expect(outsider.get_by_test_id("client-banner")).to_have_count(0)
    # The treating clinician's own view of the same address still works.
    assert treating.goto(client_url).status == 200


def _open_appointments_with_history(page: Page, links: list[str]) -> None:
    # Clients still at referral have no appointments yet; take the first that has some.
    for link in links:
        page.goto(f"{link}appointments/")
        if page.locator("tbody select[name=attendance]").count():
            return
    pytest.fail("no client of `clinician` has an appointment")


def test_attendance_is_recorded_in_place_without_a_reload(page: Page, sign_in, caseload_links):
    sign_in(page, "clinician")
    _open_appointments_with_history(page, caseload_links(page))
    appointments_url = page.url
    select = page.locator("tbody select[name=attendance]").first
    row_id = select.evaluate("element => element.closest('tr').id")
    row = page.locator(f"#{row_id}")
    current = select.input_value()
    new_value = "no_show" if current != "no_show" else "attended"
    new_label = row.locator(f"option[value={new_value}]").inner_text()
    # A full reload would lose this; an htmx swap keeps the document and its globals.
    page.evaluate("window.e2eSameDocument = true")

    select.select_option(new_value)
    with page.expect_response(re.compile(r"/attendance/$")) as answer:
        row.get_by_role("button", name="Record").click()

    assert answer.value.status == 200
    assert answer.value.request.headers.get("hx-request") == "true"
    expect(row.locator("select[name=attendance]")).to_have_value(new_value)
    expect(row.locator("select[name=attendance] option:checked")).to_have_text(new_label)
    assert page.evaluate("window.e2eSameDocument") is True
    assert page.url == appointments_url
    # Said aloud (a status region) and the keyboard focus kept on the button.
    expect(page.get_by_test_id("attendance-status")).to_contain_text("Attendance recorded")
    expect(row.get_by_role("button", name="Record")).to_be_focused()

    page.reload()
    assert page.evaluate("window.e2eSameDocument") is None
    expect(page.locator(f"#{row_id} select[name=attendance]")).to_have_value(new_value)
