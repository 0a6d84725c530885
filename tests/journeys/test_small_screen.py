"""Journey on the smallest screen the kiosk accepts, 1280x800: the window stays inside the
screen and every control a person touches on the way (welcome, home, help and back) is
whole on it, where a finger can reach it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.kit import toml
from tests.journeys.journey_kit import Bus, Desktop, Kiosk, fr, missing_tools

pytestmark = pytest.mark.journey

SMALL = (1280, 800)


@pytest.fixture(scope="module")
def small_desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Desktop, Bus]]:
    missing = missing_tools()
    if missing:
        pytest.fail(f"the journey tests need system packages that are missing: {missing}")
    desktop = Desktop(tmp_path_factory.mktemp("small-desktop"), size=SMALL)
    try:
        desktop.start()
        bus = Bus(desktop)
        try:
            yield desktop, bus
        finally:
            bus.close()
    finally:
        desktop.stop()


def _inside(kiosk: Kiosk, what: str, extents: list[int]) -> None:
    x, y, w, h = extents
    width, height = SMALL
    if not (w > 0 and h > 0 and x >= 0 and y >= 0 and x + w <= width and y + h <= height):
        kiosk.fail(f"{what} at {extents} is not whole on the {width}x{height} screen", {})


def _press(kiosk: Kiosk, name: str, role: str = "push button") -> Any:
    found = kiosk.tap(name, role)
    _inside(kiosk, repr(name), found["extents"])
    kiosk.step(f"tapped {name}")
    return found


def test_welcome_home_help_and_back_fit_1280x800(
    small_desktop: tuple[Desktop, Bus], tmp_path: Path
) -> None:
    desktop, bus = small_desktop
    config = toml(
        {"language__default": "fr", "speech__player": "none", "session__idle_seconds": 600}
    )
    kiosk = Kiosk(desktop, bus, tmp_path / "kiosk", config)
    try:
        _press(kiosk, "Français")
        kiosk.find(fr("What do you want to do?"), "label")
        frame = bus.request("find", name="", role="frame", match="startswith")
        _inside(kiosk, "the window", frame["extents"])
        assert frame["extents"][2:] == list(SMALL), "kiosk mode covers the whole screen"
        for name in (fr("Find a job"), fr("Make my CV"), fr("I need help")):
            _inside(kiosk, f"the tile {name!r}", kiosk.find(name, "push button")["extents"])
        for name in (fr("Repeat"), fr("Large text"), fr("I've finished")):
            _inside(kiosk, f"the bar's {name!r}", kiosk.find(name)["extents"])

        _press(kiosk, fr("I need help"))
        kiosk.find(fr("A staff member is coming."), "label")
        band = kiosk.find(fr("Help requested: a staff member is coming."), "label")
        _inside(kiosk, "the help band", band["extents"])
        _press(kiosk, fr("Back to the start"))
        kiosk.find(fr("What do you want to do?"), "label")

        _press(kiosk, fr("I need help"))
        kiosk.find(fr("A staff member is coming."), "label")
        _press(kiosk, fr("I no longer need help"))
        kiosk.gone(fr("Help requested: a staff member is coming."), "label")
        kiosk.find(fr("What do you want to do?"), "label")
        frame = bus.request("find", name="", role="frame", match="startswith")
        _inside(kiosk, "the window after the walk", frame["extents"])
        assert kiosk.process.poll() is None, "the kiosk must still run"
    finally:
        kiosk.stop()
