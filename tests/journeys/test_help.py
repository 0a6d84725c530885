"""Journey: a person touches "I need help"; the agency's hub hears of it while they wait."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.fakes.hub import FakeHub
from tests.journeys.journey_kit import SCREEN_SIZE, Kiosk, fr, wait_until

pytestmark = pytest.mark.journey


def test_i_need_help_reaches_the_hub(start_kiosk: Callable[..., Kiosk], hub: FakeHub) -> None:
    kiosk = start_kiosk()
    kiosk.tap("Français", "push button", timeout=30)
    kiosk.tap(fr("I need help"), "push button")
    kiosk.find(fr("A staff member is coming."), "label")
    # The band staff see from across the room, whole on the screen.
    x, y, w, h = kiosk.find(fr("Help requested: a staff member is coming."), "label")["extents"]
    assert x >= 0 and y >= 0 and x + w <= SCREEN_SIZE[0] and y + h <= SCREEN_SIZE[1]
    kiosk.step("help screen shown")

    def help_events() -> list[dict[str, object]]:
        with hub.lock:
            return [e for e in hub.events.values() if e.get("type") == "help_request"]

    received = wait_until(help_events, 20, "the hub receiving a help request", kiosk)
    kiosk.step("hub received the help request")
    assert len(received) == 1
    assert kiosk.process.poll() is None, "the kiosk must still run"
