"""The staff dashboard in Debian's headless Chromium (Selenium pointed at /usr/bin/chromium and
/usr/bin/chromedriver; nothing downloads a browser), against the real hub: a help request
sent by the kiosk's real sync client appears within 5 seconds, is taken, closed and seen in
the audit log; a technician enrols a kiosk and a staff member cannot; every page is labelled
and reachable by keyboard. One browser for the whole module."""

from __future__ import annotations

import shutil
import tempfile
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.staff.help import request_help
from kiosk.sync.run import deliver_outbox
from tests.hub.conftest import Hub, kiosk_cli
from tests.hub.dashboard_kit import PASSWORD, add_staff

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.fail("the dashboard tests need Debian's chromium and chromium-driver (make system)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="hub-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--lang=fr-FR",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "fr-FR,fr"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver: Any, condition: Any, seconds: float = 10.0) -> Any:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # A page being replaced (a form sent) leaves stale elements for a moment: look again.
    return WebDriverWait(
        driver, seconds, poll_frequency=0.05, ignored_exceptions=[StaleElementReferenceException]
    ).until(condition)


def settled(driver: Any, seconds: float = 10.0) -> None:
    """Until the page on screen has finished loading: a form sent by Enter gives no signal
    of its own, and an element found on a page still loading may leave the document."""
    wait_for(
        driver, lambda d: d.execute_script("return document.readyState") == "complete", seconds
    )


def click_to_load(driver: Any, target: Any, seconds: float = 10.0) -> None:
    """Click what loads a page (a link, a form's button) and wait until the old page is gone
    and the new one loaded: otherwise a search for the next page's elements may find the old
    page's, then go stale. `target` is an element, or a (By, value) locator found once the
    current page has settled."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    settled(driver, seconds)
    old = driver.find_element(By.TAG_NAME, "html")
    element = driver.find_element(*target) if isinstance(target, tuple) else target
    element.click()
    WebDriverWait(driver, seconds, poll_frequency=0.05).until(expected_conditions.staleness_of(old))
    settled(driver, seconds)


def sign_in(driver: Any, hub: Hub, email: str, role: str) -> None:
    """By keyboard, as a person would: type, Tab, type, Enter."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    add_staff(hub, email, role)
    driver.delete_all_cookies()
    driver.get(f"{hub.url}/")
    assert driver.current_url.startswith(f"{hub.url}/login/")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    field = driver.find_element(By.ID, "id_username")
    field.send_keys(email, Keys.TAB)
    driver.switch_to.active_element.send_keys(PASSWORD, Keys.ENTER)
    wait_for(driver, lambda d: d.current_url == f"{hub.url}/")
    settled(driver)


def sign_out(driver: Any) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, ".who button[type=submit]").click()
    wait_for(driver, lambda d: "/login/" in d.current_url)


NASTY_PLACE = "<img src=x onerror=\"document.title='pwned'\">Hall"


def test_help_request_appears_within_5_seconds_is_taken_closed_and_audited(
    browser: Any, hub: Hub, enrolled: Any
) -> None:
    from selenium.webdriver.common.by import By

    kiosk = enrolled("Lyon 3 borne 1", "--place", NASTY_PLACE)
    sign_in(browser, hub, "marie@agence.example", "staff")
    assert browser.find_element(By.ID, "no-one").text == "Personne n’attend."
    time.sleep(2.5)  # the page has polled at least once: the request arrives between polls
    request_help(kiosk.store())
    sent = time.monotonic()
    assert deliver_outbox(kiosk.config(), kiosk.data_dir).report.delivered == 1
    card = wait_for(
        browser, lambda d: d.find_elements(By.CSS_SELECTOR, "li.card[data-state=open]"), 5.0
    )[0]
    elapsed = time.monotonic() - sent
    assert elapsed < 5.0, elapsed
    assert card.find_element(By.TAG_NAME, "h3").text == "Lyon 3 borne 1"
    # The place is shown as written, never run: no image, no script changed the title.
    assert card.find_element(By.CLASS_NAME, "place").text == NASTY_PLACE
    assert not card.find_elements(By.TAG_NAME, "img") and "pwned" not in browser.title
    status = wait_for(browser, lambda d: d.find_element(By.ID, "live-status").text, 3.0)
    assert status == f"Nouvelle demande d’aide : Lyon 3 borne 1, {NASTY_PLACE}"
    assert browser.title.startswith("(1) ")
    take = card.find_element(By.CSS_SELECTOR, "button.take")
    # Seen: "J'y vais"; heard: "J'y vais – Lyon 3 borne 1" (the visible text comes first).
    assert take.text.startswith("J’y vais")
    assert take.accessible_name == "J’y vais – Lyon 3 borne 1"
    take.click()
    taken = wait_for(
        browser, lambda d: d.find_elements(By.CSS_SELECTOR, "li.card[data-state=taken]")
    )[0]
    assert "Prise par marie@agence.example" in taken.text
    assert (
        "Vous vous occupez de Lyon 3 borne 1."
        in browser.find_element(By.CLASS_NAME, "messages").text
    )
    taken.find_element(By.CSS_SELECTOR, "button.close").click()
    row = wait_for(
        browser,
        lambda d: d.find_elements(By.CSS_SELECTOR, "#recent-requests tr[data-state=closed]"),
    )[0]
    assert "Terminé" in row.text and "marie@agence.example" in row.text
    assert browser.find_element(By.ID, "no-one").is_displayed()
    browser.find_element(By.LINK_TEXT, "Journal des actions").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "audit"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#audit tbody tr")
    actions = [r.get_attribute("data-action") for r in rows]
    assert actions[:2] == ["help.close", "help.take"]
    assert "A clos une demande d’aide" in rows[0].text and "marie@agence.example" in rows[0].text
    assert "Lyon 3 borne 1" in rows[1].text


def test_a_technician_enrols_a_kiosk_and_a_staff_member_cannot(
    browser: Any, hub: Hub, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    sign_in(browser, hub, "paul@agence.example", "staff")
    assert not browser.find_elements(By.LINK_TEXT, "Bornes")
    browser.get(f"{hub.url}/kiosks/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Réservé aux techniciens"
    assert not browser.find_elements(By.ID, "add-kiosk")
    sign_out(browser)
    sign_in(browser, hub, "tech@agence.example", "technician")
    click_to_load(browser, (By.LINK_TEXT, "Bornes"))
    wait_for(browser, lambda d: d.find_elements(By.ID, "add-kiosk"))
    browser.find_element(By.ID, "id_name").send_keys("Vénissieux 2")
    browser.find_element(By.ID, "id_place").send_keys("Accueil, à gauche")
    browser.find_element(By.ID, "id_departement").send_keys("69")
    click_to_load(browser, (By.ID, "add-kiosk"))
    code = wait_for(browser, lambda d: d.find_elements(By.ID, "code"))[0].text
    config = tmp_path / "kiosk.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    done = kiosk_cli("enrol", hub.url, code, "--config", str(config))
    assert done.returncode == 0, done.stderr
    assert tomllib.loads(config.read_text())["hub"]["kiosk_id"] == "venissieux-2"
    click_to_load(browser, (By.LINK_TEXT, "Bornes"))
    row = wait_for(
        browser, lambda d: d.find_elements(By.CSS_SELECTOR, "tr[data-kiosk=venissieux-2]")
    )[0]
    assert row.find_element(By.CLASS_NAME, "state").text == "Enrôlée"
    click_to_load(browser, row.find_element(By.CSS_SELECTOR, "button.revoke"))
    row = wait_for(
        browser, lambda d: d.find_elements(By.CSS_SELECTOR, "tr[data-kiosk=venissieux-2]")
    )[0]
    assert row.find_element(By.CLASS_NAME, "state").text == "Révoquée"
    click_to_load(browser, (By.LINK_TEXT, "Journal des actions"))
    actions = [
        r.get_attribute("data-action")
        for r in wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#audit tbody tr"))
    ]
    assert actions[:3] == ["kiosk.revoke", "kiosk.enrol", "kiosk.add"]


# Every visible control has a name, every field a label, every image a text; nothing is
# reachable by mouse only (no positive tabindex, no click handler on a non-control).
AUDIT_PAGE = """
const problems = [];
const visible = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
for (const e of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
  const label = e.labels && e.labels.length ? e.labels[0].textContent.trim() : '';
  if (!label && !e.getAttribute('aria-label')) problems.push('no label: ' + (e.id || e.name));
}
for (const e of document.querySelectorAll('button, a[href]')) {
  if (visible(e) && !e.textContent.trim() && !e.getAttribute('aria-label'))
    problems.push('no name: ' + e.outerHTML.slice(0, 80));
}
for (const e of document.querySelectorAll('img')) {
  if (!e.getAttribute('alt')) problems.push('no alt: ' + e.src);
}
for (const e of document.querySelectorAll('[tabindex]')) {
  if (parseInt(e.getAttribute('tabindex'), 10) > 0) problems.push('tabindex > 0');
}
if (!document.documentElement.lang) problems.push('no lang');
if (document.querySelectorAll('h1').length !== 1) problems.push('h1 count');
if (!document.querySelector('main')) problems.push('no main');
return problems;
"""


def test_every_page_is_labelled_and_starts_with_a_skip_link(
    browser: Any, hub: Hub, enrolled: Any
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    kiosk = enrolled("Bron", "--place", "Hall")
    request_help(kiosk.store())
    deliver_outbox(kiosk.config(), kiosk.data_dir)
    sign_in(browser, hub, "tech@agence.example", "technician")
    for path in ("/", "/fleet/", "/figures/", "/outbox/", "/kiosks/", "/staff/", "/audit/"):
        browser.get(f"{hub.url}{path}")
        assert browser.execute_script(AUDIT_PAGE) == [], path
        # The first Tab lands on the skip link; Enter moves the focus to the content.
        browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        first = browser.switch_to.active_element
        assert first.get_attribute("class") == "skip" and first.text == "Aller au contenu", path
        first.send_keys(Keys.ENTER)
        assert browser.switch_to.active_element.get_attribute("id") == "main", path
    # Charts are images with a text alternative, drawn (not broken).
    browser.get(f"{hub.url}/figures/")
    for image in browser.find_elements(By.CSS_SELECTOR, "figure img"):
        assert image.get_attribute("alt") and browser.execute_script(
            "return arguments[0].complete && arguments[0].naturalWidth > 0", image
        ), image.get_attribute("src")
    # In English on request, from the menu.
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, "language")).select_by_value("en")
    browser.find_element(By.CSS_SELECTOR, "form.language button").click()
    wait_for(browser, lambda d: d.execute_script("return document.documentElement.lang") == "en")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Figures"
