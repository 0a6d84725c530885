"""Sign-in lockout and lifting a saved-space lock, in Debian's headless Chromium against the
real hub: a person types wrong passwords until the page refuses them and says when (in
French), which the audit log then shows; a kiosk refusing codes is listed and lifted by a
click, then a first name typed at the desk."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.cv.drafts import keep
from kiosk.cv.model import CV, Identity
from kiosk.cv.network import spaces_for
from kiosk.cv.spaces import LOCKED, NOT_FOUND
from kiosk.errors import UserError
from tests.hub import test_dashboard_browser as kit
from tests.hub.conftest import Hub
from tests.hub.dashboard_kit import PASSWORD, add_staff

browser = kit.browser  # the same headless Chromium fixture, one per module
wait_for = kit.wait_for


def type_sign_in(driver: Any, email: str, password: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")
    field = driver.find_element(By.ID, "id_username")
    field.clear()
    field.send_keys(email, Keys.TAB)
    driver.switch_to.active_element.send_keys(password, Keys.ENTER)
    # The answer replaces the page: the next attempt must be typed into the new one.
    WebDriverWait(driver, 10, poll_frequency=0.05).until(expected_conditions.staleness_of(old))
    kit.settled(driver)


def test_wrong_passwords_are_refused_with_a_french_message_and_audited(
    browser: Any, hub: Hub
) -> None:
    from selenium.webdriver.common.by import By

    add_staff(hub, "marie@agence.example")
    browser.delete_all_cookies()
    browser.get(f"{hub.url}/login/")
    for n in range(4):
        type_sign_in(browser, "marie@agence.example", f"wrong-{n}")
        wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "div[role=alert].error"))
        assert not browser.find_elements(By.ID, "locked")
    type_sign_in(browser, "marie@agence.example", "wrong-4")
    alert = wait_for(browser, lambda d: d.find_elements(By.ID, "locked"))[0]
    assert alert.get_attribute("role") == "alert"
    assert alert.text.startswith("Trop de mots de passe erronés. La connexion est refusée jusqu’à")
    assert "(dans 15 minutes). Réessayez à ce moment-là." in alert.text
    # The right password now is refused too, and the e-mail stays typed.
    assert browser.find_element(By.ID, "id_username").get_attribute("value") == (
        "marie@agence.example"
    )
    browser.find_element(By.ID, "id_password").send_keys(PASSWORD)
    kit.click_to_load(browser, (By.CSS_SELECTOR, "main button[type=submit]"))
    wait_for(browser, lambda d: d.find_elements(By.ID, "locked"))
    assert browser.current_url.startswith(f"{hub.url}/login/")

    kit.sign_in(browser, hub, "tech@agence.example", "technician")
    browser.find_element(By.LINK_TEXT, "Journal des actions").click()
    rows = wait_for(
        browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#audit tbody tr[data-action^=signin]")
    )
    actions = [r.get_attribute("data-action") for r in rows]
    assert actions[:3] == ["signin.ok", "signin.refused", "signin.locked"]
    assert actions[3:8] == ["signin.failed"] * 5
    assert "Connexion bloquée après des mots de passe erronés" in rows[2].text
    assert "marie@agence.example" in rows[2].text and "Mot de passe erroné" in rows[3].text
    assert not any("wrong-" in r.text or PASSWORD in r.text for r in rows)


def test_a_locked_kiosk_is_shown_and_lifted_by_a_click(
    browser: Any, hub: Hub, enrolled: Any
) -> None:
    from selenium.webdriver.common.by import By

    kiosk = enrolled("Vaulx borne 1", "--place", "Accueil")
    spaces = spaces_for(kiosk.config(), kiosk.store())
    owner = keep(spaces, CV(identity=Identity(name="Samir")), "Samir", "583920")
    for n in range(5):
        with pytest.raises(UserError):
            spaces.open("Samir", f"{200000 + n:06d}")

    kit.sign_in(browser, hub, "paul@agence.example", "staff")
    kit.click_to_load(browser, (By.LINK_TEXT, "Codes bloqués"))
    row = wait_for(
        browser, lambda d: d.find_elements(By.CSS_SELECTOR, "tr[data-kiosk=vaulx-borne-1]")
    )[0]
    assert browser.execute_script(kit.AUDIT_PAGE) == []
    assert "Vaulx borne 1" in row.text and "Accueil" in row.text
    assert row.find_element(By.CSS_SELECTOR, "td.until time").text.count(":") == 1
    button = row.find_element(By.CSS_SELECTOR, "button.lift")
    assert button.accessible_name == "Accepter les codes à nouveau – Vaulx borne 1"
    assert button.size["height"] >= 48
    kit.click_to_load(browser, button)
    message = wait_for(browser, lambda d: d.find_elements(By.CLASS_NAME, "messages"))[0]
    assert message.text == "Vaulx borne 1 accepte les codes à nouveau."
    assert browser.find_element(By.ID, "no-locked-kiosk").text == (
        "Aucune borne ne refuse les codes."
    )
    # The kiosk takes codes again (another person: "not found", not "locked")...
    with pytest.raises(UserError) as caught:
        spaces.open("Yusuf", "902817")
    assert caught.value.message == NOT_FOUND
    # ...and Samir's first name, which still waits, is lifted from the name he gives.
    with pytest.raises(UserError) as caught:
        spaces.open("Samir", "583920")
    assert caught.value.message == LOCKED
    browser.find_element(By.ID, "id_first_name").send_keys("samir")
    kit.click_to_load(browser, (By.ID, "lift-name"))
    lifted = "Ce prénom est accepté à nouveau sur toutes les bornes."
    wait_for(browser, lambda d: lifted in d.find_element(By.CLASS_NAME, "messages").text)
    assert spaces.open("Samir", "583920") == owner.space_id

    browser.find_element(By.LINK_TEXT, "Journal des actions").click()
    rows = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#audit tbody tr"))
    assert [r.get_attribute("data-action") for r in rows[:2]] == [
        "space.unlock_name",
        "space.unlock_kiosk",
    ]
    assert "vaulx-borne-1" in rows[1].text and "paul@agence.example" in rows[1].text
    assert "samir" not in rows[0].text.lower()
