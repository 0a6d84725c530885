"""Journey: a staff member holds the corner, types the PIN on the screen's digits, and closes
the kiosk from staff mode."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.journeys.conftest import HOLD_SECONDS, PIN
from tests.journeys.journey_kit import Kiosk, fr

pytestmark = pytest.mark.journey


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
