"""Journey: "Make my CV" on the smallest screen the kiosk accepts, 1280x800, in the real
`kiosk run --kiosk`: one question per screen from the first step, a date as the person
remembers it ("été 2022") kept, and the preview reached with every control whole on screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes.kit import toml
from tests.journeys.journey_kit import Bus, Desktop, Kiosk, fr, press_whole, whole_on

pytestmark = pytest.mark.journey

NAME = "awa traore"
DATES = "été 2022"
DATES_BOX = "When? Dates as you remember them"


def _question(kiosk: Kiosk, n: int) -> None:
    kiosk.find(fr("Question {n} of {total}.").format(n=n, total=13), "label")


def test_a_cv_with_a_remembered_date_on_a_1280x800_screen(
    small_desktop: tuple[Desktop, Bus], tmp_path: Path
) -> None:
    desktop, bus = small_desktop
    config = toml(
        {"language__default": "fr", "speech__player": "none", "session__idle_seconds": 600}
    )
    kiosk = Kiosk(desktop, bus, tmp_path / "kiosk", config)
    try:
        press_whole(kiosk, "Français")
        press_whole(kiosk, fr("Make my CV"))
        press_whole(kiosk, fr("Start my CV"))

        # One question per screen: the name first, alone.
        _question(kiosk, 1)
        kiosk.find(fr("What is your name?"), "label")
        kiosk.gone(fr("Your phone number"), "text", timeout=2)
        kiosk.type_into(fr("Your first name and name"), NAME)
        press_whole(kiosk, fr("Next"))
        # Then the phone, the e-mail address and the town, each on its own and skippable.
        for n, field in ((2, "Your phone number"), (3, "Your e-mail address"), (4, "Your town")):
            _question(kiosk, n)
            whole_on(kiosk, field, kiosk.find(fr(field), "text")["extents"])
            press_whole(kiosk, fr("Skip"))
        _question(kiosk, 5)
        press_whole(kiosk, fr("Skip"))  # the job wanted

        # A job with the dates as the person remembers them.
        _question(kiosk, 6)
        press_whole(kiosk, fr("Add a job"))
        kiosk.type_into(fr("The job"), "serveur")
        # The date box is in view above the keyboard: tapped, and typed on the keys, the
        # accent on the keyboard's accents page.
        whole_on(kiosk, "the date box", kiosk.find(fr(DATES_BOX), "text")["extents"])
        kiosk.type_into(fr(DATES_BOX), DATES)
        press_whole(kiosk, fr("Next"))
        kiosk.find(fr("Your tasks"), "label")
        press_whole(kiosk, fr("Next"))
        kiosk.find(f"serveur · {DATES}", "label")
        kiosk.step("the remembered date is kept")

        # On to the preview: the ways to leave with the CV are whole on the screen.
        press_whole(kiosk, fr("Home"))
        press_whole(kiosk, fr("Make my CV"))
        press_whole(kiosk, fr("Continue my CV"))
        kiosk.find(fr("Your CV"), "label")
        for action in ("Print", "Save to a USB stick", "Change my answers"):
            whole_on(kiosk, action, kiosk.find(fr(action), "push button")["extents"])
        frame = kiosk.bus.request("find", name="", role="frame", match="startswith")
        whole_on(kiosk, "the window", frame["extents"])
        kiosk.step("preview whole on the 1280x800 screen")
    finally:
        kiosk.stop()
