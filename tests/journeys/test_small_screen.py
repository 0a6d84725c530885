"""Journey on the smallest screen the kiosk accepts, 1280x800: the window stays inside the
screen and every control a person touches on the way (welcome, home, help and back) is
whole on it, where a finger can reach it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes.kit import toml
from tests.journeys.journey_kit import SMALL, Bus, Desktop, Kiosk, fr, press_whole, whole_on

pytestmark = pytest.mark.journey


def test_welcome_home_help_and_back_fit_1280x800(
    small_desktop: tuple[Desktop, Bus], tmp_path: Path
) -> None:
    desktop, bus = small_desktop
    config = toml(
        {"language__default": "fr", "speech__player": "none", "session__idle_seconds": 600}
    )
    kiosk = Kiosk(desktop, bus, tmp_path / "kiosk", config)
    try:
        press_whole(kiosk, "Français")
        kiosk.find(fr("What do you want to do?"), "label")
        frame = bus.request("find", name="", role="frame", match="startswith")
        whole_on(kiosk, "the window", frame["extents"])
        assert frame["extents"][2:] == list(SMALL), "kiosk mode covers the whole screen"
        for name in (fr("Find a job"), fr("Make my CV"), fr("I need help")):
            whole_on(kiosk, f"the tile {name!r}", kiosk.find(name, "push button")["extents"])
        for name in (fr("Repeat"), fr("Large text"), fr("I've finished")):
            whole_on(kiosk, f"the bar's {name!r}", kiosk.find(name)["extents"])

        press_whole(kiosk, fr("I need help"))
        kiosk.find(fr("A staff member is coming."), "label")
        band = kiosk.find(fr("Help requested: a staff member is coming."), "label")
        whole_on(kiosk, "the help band", band["extents"])
        press_whole(kiosk, fr("Back to the start"))
        kiosk.find(fr("What do you want to do?"), "label")

        press_whole(kiosk, fr("I need help"))
        kiosk.find(fr("A staff member is coming."), "label")
        press_whole(kiosk, fr("I no longer need help"))
        kiosk.gone(fr("Help requested: a staff member is coming."), "label")
        kiosk.find(fr("What do you want to do?"), "label")
        frame = bus.request("find", name="", role="frame", match="startswith")
        whole_on(kiosk, "the window after the walk", frame["extents"])
        assert kiosk.process.poll() is None, "the kiosk must still run"
    finally:
        kiosk.stop()
