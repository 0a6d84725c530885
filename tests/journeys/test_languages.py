"""Journey: a Ukrainian speaker and a Dari speaker each find their language by its own name
on the welcome screen and get the kiosk in it; the bar's chooser changes language mid-visit."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kiosk.i18n import LANGUAGES, in_language
from tests.journeys.journey_kit import Kiosk

pytestmark = pytest.mark.journey

HOME = ("Find a job", "Make my CV")


def translated(code: str, message: str) -> str:
    text = in_language(code, message)
    # An untranslated message would show English and this journey would prove nothing.
    assert text != message, f"{message!r} is not translated into {code}"
    return text


def test_ukrainian_then_persian_from_the_welcome_screen(
    start_kiosk: Callable[..., Kiosk],
) -> None:
    # Nine languages enabled, the agency's order putting Ukrainian and Dari first.
    kiosk = start_kiosk(language__order=["uk", "fa"])
    ukrainian, persian = LANGUAGES["uk"].native_name, LANGUAGES["fa"].native_name
    for code in LANGUAGES:  # every language is on the welcome screen, by its own name
        kiosk.find(LANGUAGES[code].native_name, "push button", timeout=30)
    kiosk.step("welcome shows all nine languages")
    kiosk.tap(ukrainian, "push button")
    for message in HOME:
        kiosk.find(translated("uk", message), "push button")
    kiosk.find(translated("uk", "What do you want to do?"), "label")
    kiosk.step("home in Ukrainian")

    # The bar's language button is named in the current language; it opens the chooser.
    kiosk.tap(ukrainian, "push button")
    kiosk.find(translated("uk", "Choose another language."), "label")
    kiosk.tap(persian, "check box")  # the chooser marks the current language
    for message in HOME:
        kiosk.find(translated("fa", message), "push button")
    kiosk.gone(translated("uk", "Find a job"), "push button")
    kiosk.step("home in Persian (Dari) after the chooser")
