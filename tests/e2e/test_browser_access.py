"""Accessibility in a real browser: signing in by keyboard alone, and the caseload and a
client's communication page on a phone."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

# Where signing in lands: the home page, the site's root.
HOME = re.compile(r"^https?://[^/]+/$")

PHONE = {"width": 390, "height": 844}
SKIP_LINK = "Skip to main content"

FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  return element.id || element.textContent.trim();
}"""


def _walk(page: Page, key: str, limit: int = 20) -> list[str | None]:
    """Presses `key` until focus leaves the document, naming each element focused."""
    order: list[str | None] = []
    for _ in range(limit):
        page.keyboard.press(key)
        order.append(page.evaluate(FOCUSED))
        if order[-1] is None:
            break
    return order


def _to_top_of_page(page: Page) -> list[str | None]:
    # The username field is autofocused; walking back from it to the point where focus
    # leaves the document finds the first focusable element, and the next Tab starts
    # from the top, as it does for a keyboard user arriving on the page.
    return _walk(page, "Shift+Tab")


def test_sign_in_by_keyboard_alone(page: Page, demo_server):
    page.goto("/accounts/login/")
    expect(page.get_by_label("Username")).to_be_focused()
    backwards = _to_top_of_page(page)
    assert backwards[-1] is None
    assert backwards[-2] == SKIP_LINK

    forwards = []
    while not forwards or forwards[-1] != "Sign in":
        assert len(forwards) < 20, f"Tab never reached Sign in: {forwards}"
        page.keyboard.press("Tab")
        forwards.append(page.evaluate(FOCUSED))
        if forwards[-1] == "id_username":
            page.keyboard.type("clinician")
        if forwards[-1] == "id_password":
            page.keyboard.type(demo_server.passwords["clinician"])

    assert forwards[0] == SKIP_LINK
    assert forwards.index("id_username") < forwards.index("id_password")
    assert forwards[-1] == "Sign in"
    page.keyboard.press("Enter")

    page.wait_for_url(HOME)
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")


def test_enter_in_the_password_field_submits(page: Page, demo_server):
    page.goto("/accounts/login/")
    # Autofocus lands after the load event on a busy machine: wait for it before typing.
    expect(page.get_by_label("Username")).to_be_focused()
    page.keyboard.type("clinician")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(demo_server.passwords["clinician"])

    page.keyboard.press("Enter")

    page.wait_for_url(HOME)


def test_skip_link_moves_focus_to_the_main_content(page: Page):
    page.goto("/accounts/login/")
    _to_top_of_page(page)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=SKIP_LINK)
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()

    page.keyboard.press("Enter")

    expect(page.locator("main")).to_be_focused()


def test_caseload_fits_a_phone_screen(new_context, sign_in, screenshot):
    page = new_context(viewport=PHONE).new_page()
    sign_in(page, "clinician")
    expect(page.locator("table tbody tr").first).to_be_visible()
    screenshot(page, "caseload-phone")

    overflow = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")

    assert overflow[0] <= overflow[1], f"scrollWidth {overflow[0]} > innerWidth {overflow[1]}"


LABELLED = """() => Array.from(document.querySelectorAll(
    'main input:not([type=hidden]), main select, main textarea'))
  .filter(control => {
    const byFor = control.id && document.querySelector(`label[for="${control.id}"]`);
    const byWrap = control.closest('label');
    const byAria = control.getAttribute('aria-label') || control.getAttribute('aria-labelledby');
    return !(byFor || byWrap || byAria);
  })
  .map(control => control.name || control.id || control.outerHTML)"""


def test_communication_form_on_a_phone_has_a_label_for_every_control(
    new_context, sign_in, caseload_links, screenshot
):
    page = new_context(viewport=PHONE).new_page()
    sign_in(page, "clinician")
    page.goto(f"{caseload_links(page)[0]}communication/")
    screenshot(page, "communication-phone")
    controls = page.locator("main form input:not([type=hidden]), main select, main textarea")
    assert controls.count() >= 5

    assert page.evaluate(LABELLED) == []
    # And each label reaches its control the way assistive technology looks it up.
    for name in ("Preferred language", "Interpreter needed", "Sensitivities"):
        expect(page.get_by_label(name, exact=False).first).to_be_visible()
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1]
