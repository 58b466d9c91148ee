"""Measures in a real browser: a client completes PHQ-9 on a phone through a link, and
the clinician sees the alert, the new point on the chart, and acknowledges the alert.

Hazard guarded (H-015, end to end): a client's positive item 9 given on their
phone reaches the clinician as an alert on their next page."""

import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _alert_count(page: Page) -> int:
    badge = page.get_by_test_id("alerts-link").locator(".badge")
    return int(badge.inner_text()) if badge.count() else 0


def _chart_points(page: Page, chart_url: str) -> int:
    page.goto(chart_url)
    chart = page.get_by_test_id("trajectory")
    return int(chart.get_attribute("data-points")) if chart.count() else 0


def _client_facts(page: Page, client_url: str) -> tuple[str, str]:
    """(legal name, date of birth as YYYY-MM-DD) from the client's overview."""
    page.goto(client_url)
    name = page.locator("dt:text-is('Legal name') + dd").inner_text().strip()
    born = page.locator("dt", has_text="Date of birth").locator("xpath=following-sibling::dd[1]")
    return name, datetime.strptime(born.inner_text().strip(), "%d %b %Y").replace(
        tzinfo=UTC
    ).date().isoformat()


def _make_link(page: Page, client_id: str) -> str:
    page.goto(f"/measures/clients/{client_id}/")
    page.get_by_label("Questionnaire to send").select_option("phq9")
    page.get_by_role("button", name="Make the link").click()
    return page.get_by_test_id("link-url").input_value()


def _complete_on_phone(phone: Page, link: str, born: str) -> None:
    phone.goto(link)
    phone.get_by_label("Your date of birth").fill(born)
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_text("Nobody is watching your answers")).to_be_visible()
    for number in range(1, 9):
        phone.locator(f"#item-{number}").get_by_label("Not at all").check()
    phone.locator("#item-9").get_by_label("Several days").check()
    phone.locator("#item-10").get_by_label("Somewhat difficult").check()
    phone.get_by_role("button", name="Send my answers").click()


def test_client_completes_phq9_by_link_and_clinician_acts_on_it(
    new_context, sign_in, caseload_links, screenshot
):
    clinician = sign_in(new_context().new_page(), "clinician")
    client_url = caseload_links(clinician)[-1]
    client_id = re.search(r"/clients/(\d+)/", client_url).group(1)
    name, born = _client_facts(clinician, client_url)
    chart_url = f"/measures/clients/{client_id}/chart/phq9/"
    points_before = _chart_points(clinician, chart_url)
    alerts_before = _alert_count(clinician)
    link = _make_link(clinician, client_id)

    phone = new_context(**PHONE).new_page()
    _complete_on_phone(phone, link, born)

    expect(phone.get_by_test_id("explanation")).to_contain_text("out of 27")
    expect(phone.get_by_text("If you need help now")).to_be_visible()
    assert name not in phone.content()  # the link reveals nothing else
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone, "measure-explanation-phone")

    assert _chart_points(clinician, chart_url) == points_before + 1
    assert _alert_count(clinician) == alerts_before + 1
    screenshot(clinician, "measure-chart")

    clinician.get_by_test_id("alerts-link").click()
    clinician.get_by_role("link", name=re.compile(re.escape(name))).last.click()
    expect(clinician.locator(".words")).to_contain_text("answered 'Several days'")
    clinician.get_by_label("Contacted the client").check()
    clinician.get_by_role("button", name="Acknowledge").click()

    expect(clinician.get_by_text("Alert acknowledged.")).to_be_visible()
    assert _alert_count(clinician) == alerts_before
    expect(clinician.get_by_text(re.compile(r"acknowledged by Chloe Martin"))).not_to_have_count(0)
