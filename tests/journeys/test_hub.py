"""Journey: two real kiosks and the real agency hub (issue 14, "Done when").

The hub runs on a real PostgreSQL cluster (tests/hub's fixture) under gunicorn; two kiosks are
registered with `hub add-kiosk` and joined with the real `kiosk enrol`. At kiosk A a person
touches "I need help" and a staff member signed in to the dashboard in headless Chromium sees
the request, with kiosk A's name, within 5 seconds. Then the person makes a short CV at kiosk
A and keeps it with their first name and a code; kiosk A is switched off; at kiosk B they
touch "Find my CV", give the same first name and code, and their CV is back on the preview.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.kit import toml

# The hub's fixtures and browser, shared with tests/hub rather than copied.
from tests.hub.conftest import Hub, hub_db, kiosk_cli, pg_cluster  # noqa: F401
from tests.hub.test_dashboard_browser import browser, sign_in, wait_for  # noqa: F401
from tests.journeys.journey_kit import Bus, Desktop, Kiosk, fr, wait_until

pytestmark = pytest.mark.journey

KIOSK_A = "Lyon 3 borne A"
KIOSK_B = "Villeurbanne borne B"
NAME = "awa traore"
FIRST_NAME = "Awa"  # as the CV writes it, and offered on the keep screen
CODE = "385172"  # no digit twice: each key is a different button
# ui/screens/cv_keep.py's message, seen once the hub has kept the CV.
KEPT = (
    "Your CV is kept, {name}. Next time, touch “Find my CV”, then give your first name "
    "and your code. It is deleted after {days} days without a visit."
)
HELP_SECONDS = 5.0  # the promise: on the dashboard within 5 s of the tap


@pytest.fixture
def real_hub(hub_db: Hub) -> Hub:  # noqa: F811
    hub_db.serve()  # gunicorn, as `hub serve` runs it, on 127.0.0.1
    return hub_db


def enrolled_config(hub: Hub, name: str, folder: Path) -> str:
    """A kiosk's configuration, as the journeys' start_kiosk writes it, joined to the hub with
    the technician's commands: `hub add-kiosk` on the hub, `kiosk enrol` on the kiosk."""
    code = hub.add_kiosk(name, "--place", "Hall")
    folder.mkdir(parents=True)
    path = folder / "kiosk.toml"
    path.write_text(
        toml(
            {
                "language__default": "fr",
                "speech__player": "none",
                "session__idle_seconds": 600,
                "sync__interval_minutes": 1,
            }
        ),
        encoding="utf-8",
    )
    done = kiosk_cli("enrol", hub.url, code, "--config", str(path))
    assert done.returncode == 0, done.stderr
    text = path.read_text(encoding="utf-8")
    assert "[hub]" in text and hub.url in text, text
    return text


def cv_on_preview(kiosk: Kiosk, words: str) -> dict[str, Any]:
    """The preview's page, once its words (its accessible description) include `words`
    (any case: the CV writes the name with capitals)."""

    def page() -> dict[str, Any] | None:
        found = kiosk.find(fr("Your CV"), "image")
        return found if words in (found.get("description") or "").lower() else None

    found: dict[str, Any] = wait_until(page, 30, f"{words!r} on the CV's preview", kiosk)
    return found


def test_help_reaches_the_dashboard_and_a_cv_kept_at_one_kiosk_is_found_at_another(
    desktop: Desktop,
    bus: Bus,
    real_hub: Hub,
    browser: Any,  # noqa: F811
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    from selenium.webdriver.common.by import By

    config_a = enrolled_config(real_hub, KIOSK_A, tmp_path / "a-config")
    config_b = enrolled_config(real_hub, KIOSK_B, tmp_path / "b-config")
    sign_in(browser, real_hub, "marie@agence.example", "staff")
    assert browser.find_element(By.ID, "no-one").is_displayed()

    kiosk_a = Kiosk(desktop, bus, tmp_path / "a", config_a)
    try:
        # 1. "I need help" at kiosk A, seen by staff on the dashboard.
        kiosk_a.tap("Français", "push button", timeout=30)
        kiosk_a.tap(fr("I need help"), "push button")
        tapped = time.monotonic()
        kiosk_a.step("help tapped")

        def card(driver: Any) -> Any:
            for li in driver.find_elements(By.CSS_SELECTOR, "li.card[data-state=open]"):
                if li.find_element(By.TAG_NAME, "h3").text == KIOSK_A:
                    return li
            return None

        wait_for(browser, card, 30.0)
        latency = time.monotonic() - tapped
        request.node.user_properties.append(("help_request_seconds", round(latency, 2)))
        print(f"help request on the dashboard {latency:.2f} s after the tap")
        kiosk_a.step(f"help request on the dashboard after {latency:.2f} s")
        assert latency < HELP_SECONDS, f"the help request took {latency:.2f} s to appear"
        kiosk_a.find(fr("A staff member is coming."), "label")

        # 2. A short CV at kiosk A, kept with a first name and a code.
        kiosk_a.tap(fr("Back to the start"), "push button")
        kiosk_a.tap(fr("Make my CV"), "push button")
        kiosk_a.tap(fr("Start my CV"), "push button")
        kiosk_a.type_into(fr("Your first name and name"), NAME)
        kiosk_a.tap(fr("Next"), "push button")
        kiosk_a.find(fr("Question {n} of {total}.").format(n=2, total=13), "label")
        kiosk_a.tap(fr("Home"), "push button")
        kiosk_a.tap(fr("Make my CV"), "push button")
        kiosk_a.tap(fr("Continue my CV"), "push button")
        cv_on_preview(kiosk_a, NAME)
        kiosk_a.tap(fr("Keep my CV for next time"), "push button")
        first = kiosk_a.find(fr("Your first name"), "text")
        assert first["text"] == FIRST_NAME, first  # offered from the CV's name
        kiosk_a.type_code(fr("Your secret code: 6 digits"), CODE)
        kiosk_a.type_code(fr("The same code again"), CODE)
        kiosk_a.tap(fr("Keep my CV"), "push button")
        kiosk_a.find(
            fr(KEPT).split("{name}")[0] + FIRST_NAME,
            "label",
            timeout=30,
            match="startswith",
        )
        kiosk_a.step("CV kept at the hub")
        assert real_hub.query("SELECT count(*) FROM hub_space")[0][0] == 1
    finally:
        kiosk_a.stop()
        request.node.user_properties.append(("steps", kiosk_a.steps))

    # 3. Kiosk A is off; at kiosk B the person finds the CV with the same name and code.
    kiosk_b = Kiosk(desktop, bus, tmp_path / "b", config_b)
    try:
        kiosk_b.tap("Français", "push button", timeout=30)
        kiosk_b.tap(fr("Make my CV"), "push button")
        kiosk_b.tap(fr("Find my CV"), "push button")
        # Typed as a person types it, in small letters: the same first name.
        kiosk_b.type_into(fr("Your first name"), FIRST_NAME.lower())
        kiosk_b.type_code(fr("Your secret code: 6 digits"), CODE)
        kiosk_b.tap(fr("Open my CV"), "push button")
        kiosk_b.find(fr("Here is your CV."), "label", timeout=30)
        cv_on_preview(kiosk_b, NAME)
        kiosk_b.step("CV found at kiosk B")
    finally:
        kiosk_b.stop()
        request.node.user_properties.append(("steps", kiosk_b.steps))
