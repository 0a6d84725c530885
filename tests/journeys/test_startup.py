"""Journey: a person walks up to the kiosk, touches their language and sees what it offers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.journeys.journey_kit import Kiosk, fr

pytestmark = pytest.mark.journey


def test_touching_francais_opens_the_home_screen(start_kiosk: Callable[..., Kiosk]) -> None:
    kiosk = start_kiosk()
    kiosk.tap("Français", "push button", timeout=30)
    kiosk.step("welcome shown, Français tapped")
    kiosk.find(fr("Find a job"), "push button")
    kiosk.find(fr("Make my CV"), "push button")
    kiosk.find(fr("What do you want to do?"), "label")
    kiosk.gone(fr("Touch your language."), "label")
    kiosk.step("home shown")
