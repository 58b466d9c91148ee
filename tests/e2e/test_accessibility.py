"""Every main page of every role, and a client's link page on a phone, checked with
axe-core 4.11.0 (tests/e2e/vendor, `make vendor`) in a real Chromium: 0 violations.

axe is injected by the test alone, into a browser context that bypasses the page's
Content-Security-Policy; the application's own policy stays strict."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map(
      n => n.target.join(" ") + "  " + n.failureSummary.split("\\n")[1]),
  }));
}"""


def _violations(page: Page, found: dict[str, list], label: str) -> None:
    page.add_script_tag(content=AXE)
    violations = page.evaluate(RUN_AXE)
    if violations:
        found[label] = violations


def _check(page: Page, urls: list[str], found: dict[str, list], who: str) -> None:
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status < 400, (who, url)
        _violations(page, found, f"{who} {url}")


def _sidebar(page: Page) -> list[str]:
    return page.locator("[data-testid=main-nav] a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )


def _client_pages(page: Page, client_url: str, *, clinical: bool = True) -> list[str]:
    """The client's overview, the first page of each group of the record, and (for the
    clinical roles) its Measures and Safety plan pages."""
    page.goto(client_url)
    groups = page.locator("[data-testid=client-menu] [data-group]").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    client_id = re.search(r"/clients/(\d+)/", client_url).group(1)
    extra = [f"/measures/clients/{client_id}/", f"/safety/clients/{client_id}/safety-plan/"]
    return groups + [url for url in extra if clinical and url not in groups]


def _report(found: dict[str, list]) -> str:
    lines = []
    for where, violations in found.items():
        for violation in violations:
            lines.append(f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}")
            lines.extend(f"    {node}" for node in violation["nodes"])
    return "\n".join(lines)


def test_axe_finds_no_violation_on_the_main_pages_of_every_role(
    new_context, sign_in, caseload_links
):
    found: dict[str, list] = {}
    anonymous = new_context(bypass_csp=True, **DESKTOP).new_page()
    _check(anonymous, ["/accounts/login/"], found, "anonymous")

    clinician = sign_in(new_context(bypass_csp=True, **DESKTOP).new_page(), "clinician")
    client_url = caseload_links(clinician)[0]
    _check(
        clinician, _sidebar(clinician) + _client_pages(clinician, client_url), found, "clinician"
    )
    for who in ("supervisor", "intake", "admin", "privacy"):
        page = sign_in(new_context(bypass_csp=True, **DESKTOP).new_page(), who)
        pages = _sidebar(page)
        if who == "intake":
            pages += _client_pages(page, caseload_links(page)[0], clinical=False)
        _check(page, pages, found, who)

    phone = sign_in(new_context(bypass_csp=True, **PHONE).new_page(), "clinician")
    _check(phone, ["/clients/", client_url], found, "clinician on a phone")
    phone.get_by_role("button", name="Menu").click()
    phone.locator("#app-sidebar.show").wait_for()
    _violations(phone, found, "clinician on a phone, menu open")
    print(_report(found))
    assert not found, _report(found)


def test_axe_finds_no_violation_on_a_clients_link_page_on_a_phone(
    new_context, sign_in, caseload_links
):
    found: dict[str, list] = {}
    clinician = sign_in(new_context().new_page(), "clinician")
    client_id = re.search(r"/clients/(\d+)/", caseload_links(clinician)[-1]).group(1)
    clinician.goto(f"/measures/clients/{client_id}/")
    clinician.get_by_label("Questionnaire to send").select_option("phq9")
    clinician.get_by_role("button", name="Make the link").click()
    link = clinician.get_by_test_id("link-url").input_value()

    phone = new_context(bypass_csp=True, **PHONE).new_page()
    phone.goto(link)
    _violations(phone, found, "client's link page")
    # The practice's own name, not the software's (the demo practice's, from the seed).
    assert phone.locator("header").inner_text().strip() == "Harbour Street Counselling (demo)"
    print(_report(found))
    assert not found, _report(found)
