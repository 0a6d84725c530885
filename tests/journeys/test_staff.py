"""Journeys: a staff member holds the corner, types the PIN on the screen's digits, and closes
the kiosk from staff mode; and, after too many wrong secret codes on "Find my CV", staff let the
kiosk accept codes again for the person waiting at the desk."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.cv.spaces import LOCKED, MAX_ATTEMPTS, Spaces
from kiosk.errors import UserError
from kiosk.services import KIOSK_FILE
from kiosk.storage import open_database
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA
from tests.journeys.conftest import HOLD_SECONDS, PIN
from tests.journeys.journey_kit import Kiosk, fr

pytestmark = pytest.mark.journey
FIRST_NAME, CODE, WRONG = "Marie", "358146", "972640"  # each digit once: no press lost


def test_corner_hold_and_pin_open_staff_mode_which_exits_the_kiosk(
    start_kiosk: Callable[..., Kiosk],
) -> None:
    kiosk = start_kiosk()
    kiosk.find("Français", "push button", timeout=30)
    x, y, _w, _h = kiosk.find("France Travail", "frame")["extents"]
    with kiosk.holding(x + 20, y + 20):
        # Held until the PIN entry shows (the hold lasts staff.hold_seconds), then let go.
        kiosk.find(fr("Staff PIN"), timeout=HOLD_SECONDS + 10)
    kiosk.step("PIN entry shown")
    # The big digit keypad, its "+" hidden for a PIN, and no "Show my code": one tap would
    # show the staff PIN to anyone near the screen. "Clear all" stays.
    kiosk.find(fr("Clear all"), "push button")
    kiosk.gone("+", "push button", timeout=1)
    kiosk.gone(fr("Show my code"), "push button", timeout=1)
    for digit in PIN:
        kiosk.tap(digit, "push button")
    kiosk.tap(fr("Open"), "push button")
    kiosk.find(fr("Close staff mode"), "push button")
    kiosk.find(fr("Staff mode"), "label")
    kiosk.gone(fr("Staff PIN"))
    kiosk.step("staff panel shown")
    kiosk.tap(fr("Actions"))
    kiosk.tap(fr("Exit the kiosk"), "push button")
    code = kiosk.wait_exit(timeout=20)
    kiosk.step("kiosk exited")
    assert code == 0, kiosk.stderr_tail()


def until_text(kiosk: Kiosk, field: str, holds: Callable[[str], bool], timeout: float = 10) -> None:
    """Wait until a code field's text (dots or digits, read through AT-SPI) is as wanted."""
    deadline = time.monotonic() + timeout
    while True:
        text = str(kiosk.find(field, "password text").get("text", ""))
        if holds(text):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{field!r} still reads {text!r} after {timeout} s")
        time.sleep(0.1)


def open_staff_mode(kiosk: Kiosk) -> None:
    """Hold the corner, then the PIN on the big keypad."""
    x, y, _w, _h = kiosk.find("France Travail", "frame")["extents"]
    with kiosk.holding(x + 20, y + 20):
        kiosk.find(fr("Staff PIN"), timeout=HOLD_SECONDS + 10)
    # The overlay's keys come last: a CV screen's keypad may be open underneath.
    for digit in PIN:
        kiosk.tap(digit, "push button", pick="last")
    kiosk.tap(fr("Open"), "push button")
    kiosk.find(fr("Close staff mode"), "push button")


def test_staff_accept_secret_codes_again_after_too_many_wrong_ones(
    start_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    # Earlier today, four wrong codes on "Find my CV" at this kiosk, counted by its own
    # saved spaces in its own database (this kiosk keeps CVs itself: no hub).
    data = tmp_path / "kiosk0" / "data"
    db = open_database(data / KIOSK_FILE, KIOSK_SCHEMA).db
    try:
        spaces = Spaces(db)
        spaces.create(FIRST_NAME, CODE)
        for _n in range(MAX_ATTEMPTS - 1):
            with pytest.raises(UserError):
                spaces.open(FIRST_NAME, WRONG)
    finally:
        db.conn.close()
    kiosk = start_kiosk(hub__url="")
    assert kiosk.data_dir == data
    kiosk.tap("Français", "push button", timeout=30)
    kiosk.tap(fr("Make my CV"), "push button")
    kiosk.tap(fr("Find my CV"), "push button")
    kiosk.type_into(fr("Your first name"), FIRST_NAME.lower())
    # The fifth wrong code: the kiosk now refuses codes, even the right one.
    kiosk.type_code(fr("Your secret code: 6 digits"), WRONG)
    kiosk.tap(fr("Open my CV"), "push button")
    refused = fr(LOCKED).split("{minutes}")[0]
    kiosk.find(refused, "label", timeout=30, match="startswith")
    kiosk.type_code(fr("Your secret code: 6 digits"), CODE)
    code_field = fr("Your secret code: 6 digits")
    until_text(kiosk, code_field, lambda text: len(text) == len(CODE))
    kiosk.tap(fr("Open my CV"), "push button")
    # The first refusal is still on screen: only once this tap is handled (the code field
    # emptied, the old message taken away) is the message found the answer to this code.
    until_text(kiosk, code_field, lambda text: text == "")
    kiosk.find(refused, "label", timeout=30, match="startswith")
    kiosk.step("codes refused")

    # The person asks at the desk; staff open staff mode on the kiosk itself.
    open_staff_mode(kiosk)
    until = fr("Refused until {time} (too many wrong codes)").split("{time}")[0]
    kiosk.find(until, "label", timeout=30, match="startswith")
    kiosk.step("status says codes are refused")
    kiosk.tap(fr("Actions"))
    kiosk.tap(fr("Accept secret codes again"), "push button")
    kiosk.find(fr("Secret codes are accepted again."), "label", timeout=30)
    kiosk.tap(fr("Status"))
    kiosk.find(fr("Accepted"), "label", timeout=30)
    kiosk.step("codes accepted again")
    kiosk.tap(fr("Close staff mode"), "push button")
    kiosk.gone(fr("Close staff mode"), "push button")

    # Back on "Find my CV": the right code opens the CV now.
    kiosk.type_code(fr("Your secret code: 6 digits"), CODE)
    kiosk.tap(fr("Open my CV"), "push button")
    kiosk.find(fr("Here is your CV."), "label", timeout=30)
    kiosk.step("the CV opens with the right code")
