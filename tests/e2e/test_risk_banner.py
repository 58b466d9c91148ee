"""The risk banner in a real browser, on the demo practice (H-093, H-094, H-095, H-098):
the treating clinician meets it first on the overview and every tab of a high-risk
client, in print too; intake sees no clinical signal on the caseload page and no banner.

With CASELOAD_E2E_SCREENSHOTS set, the banner is saved at desktop and phone sizes
(docs/screenshots/risk-banner-desktop.png and risk-banner-phone.png come from here)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
CLINICAL_WORDS = ("Risk", "Off track", "overdue", "Measure", "feedback", "Plan review")

# WCAG 2 contrast of each text element in the banner against the colour behind it (the
# check axe's color-contrast rule makes), walking up to the first opaque background.
CONTRAST = """banner => {
  const rgb = value => value.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const behind = element => {
    for (let node = element; node; node = node.parentElement) {
      const colour = rgb(getComputedStyle(node).backgroundColor);
      if (colour.length < 4 || colour[3] > 0) return colour.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const found = [];
  for (const element of banner.querySelectorAll('*')) {
    const text = [...element.childNodes].filter(n => n.nodeType === 3)
      .map(n => n.textContent).join('').trim();
    if (!text) continue;
    const a = lum(rgb(getComputedStyle(element).color)), b = lum(behind(element));
    found.push([text, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)]);
  }
  return found;
}"""


def _save(page: Page, name: str) -> None:
    folder = os.environ.get("CASELOAD_E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def _high_risk_client(page: Page) -> str:
    """The demo's high-risk client (its caseload row says so): their overview URL."""
    page.goto("/clients/")
    row = page.locator("table tbody tr", has=page.locator(".badge", has_text="Risk: High"))
    return row.first.locator("td a").first.get_attribute("href")


def _assert_banner_first(page: Page) -> None:
    banner = page.get_by_test_id("risk-banner")
    expect(banner).to_be_visible()
    expect(banner).to_have_attribute("role", "alert")
    expect(banner).to_contain_text("Risk: High")
    expect(banner).to_contain_text("Risk assessment")
    # Above the page's own content: the record's heading comes after it.
    banner_box = banner.bounding_box()
    heading_box = page.get_by_role("heading", level=1).bounding_box()
    assert banner_box["y"] + banner_box["height"] <= heading_box["y"]


def test_h093_banner_on_the_overview_and_every_tab(new_context, sign_in):
    page = sign_in(new_context(viewport=DESKTOP).new_page(), "clinician")
    overview = _high_risk_client(page)
    page.goto(overview)
    _assert_banner_first(page)
    # Every page of the record, from the full list the client menu holds (the groups show
    # one group's pages at a time on a wide screen).
    tabs = page.locator("#client-menu-list a").evaluate_all("links => links.map(l => l.href)")
    assert len(tabs) >= 10, tabs
    for tab in tabs:
        page.goto(tab)
        _assert_banner_first(page)

    page.goto(overview)
    for text, ratio in page.get_by_test_id("risk-banner").evaluate(CONTRAST):
        assert ratio >= 4.5, f"{text!r}: contrast {ratio:.2f} is under 4.5:1"
    _save(page, "risk-banner-desktop")

    # Printed with the page: the print stylesheet keeps it.
    page.emulate_media(media="print")
    expect(page.get_by_test_id("risk-banner")).to_be_visible()


def test_h093_banner_on_a_phone(new_context, sign_in):
    page = sign_in(new_context(viewport=PHONE).new_page(), "clinician")
    page.goto(_high_risk_client(page))
    _assert_banner_first(page)
    widest = page.get_by_test_id("risk-banner").evaluate(
        "banner => Math.max(...[banner, ...banner.querySelectorAll('*')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert widest <= PHONE["width"], "the banner must fit the phone's width"
    _save(page, "risk-banner-phone")


def test_h098_the_clients_own_safety_plan_prints_without_it(new_context, sign_in):
    """On screen the clinician printing the plan sees the banner; the printed sheet, which
    the client takes home, leaves it off."""
    page = sign_in(new_context(viewport=DESKTOP).new_page(), "clinician")
    page.goto(_high_risk_client(page))
    banner = page.get_by_test_id("risk-banner")
    make_one = banner.get_by_role("link", name="make one with the client")
    if make_one.count():
        make_one.click()
        page.get_by_label("1. Signs that a hard time may be coming").fill("Not sleeping")
        page.get_by_role("button", name="Save as a new version").click()
    else:
        banner.get_by_role("link", name="Open the safety plan").click()
    page.goto(page.url.split("safety-plan/")[0] + "safety-plan/print/?size=card")
    expect(page.get_by_test_id("risk-banner")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_test_id("risk-banner")).to_be_hidden()


def test_h094_intake_sees_no_clinical_signal(new_context, sign_in):
    clinician = sign_in(new_context().new_page(), "clinician")
    overview = _high_risk_client(clinician)
    page = sign_in(new_context().new_page(), "intake")
    table = page.locator("table tbody")
    expect(table).to_contain_text("Interpreter")  # its own signals are there
    text = table.inner_text()
    for word in CLINICAL_WORDS:
        assert word not in text, f"intake's caseload shows {word!r}"
    page.goto(overview)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_test_id("risk-banner")).to_have_count(0)
    assert "Risk" not in page.locator("body").inner_text()
