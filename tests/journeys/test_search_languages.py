"""Journey: an Arabic speaker types سائق ("driver") on the screen's Arabic keyboard and gets
driver offers, the job named in Arabic with the French title beside it; nearest offers first,
each card saying how far it is."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kiosk.catalogue.names import job_name
from kiosk.i18n import LANGUAGES, in_language
from tests.journeys.journey_kit import Kiosk

pytestmark = pytest.mark.journey

DRIVER = "سائق"


def ar(message: str) -> str:
    text = in_language("ar", message)
    assert text != message, f"{message!r} is not translated into Arabic"
    return text


def test_an_arabic_speaker_finds_driver_offers_by_typing_in_arabic(
    start_kiosk: Callable[..., Kiosk],
) -> None:
    kiosk = start_kiosk()  # the demo catalogue: offers of every common job around Lyon
    kiosk.tap(LANGUAGES["ar"].native_name, "push button", timeout=30)
    kiosk.tap(ar("Find a job"), "push button")
    kiosk.type_into(ar("Job"), DRIVER)
    kiosk.step("سائق typed on the Arabic keyboard")
    kiosk.tap(ar("Search"), "push button")
    kiosk.find(ar("Offers for “{query}”").format(query=DRIVER), "label", timeout=30)

    # What the word was understood as, in Arabic, with the French title the offers use.
    arabic = job_name("N4101", "ar")
    assert arabic and arabic.startswith("سائق")
    prefix = ar("Jobs found: {jobs}").split("{jobs}")[0]
    understood = kiosk.find(prefix, "label", match="startswith", timeout=30)
    assert arabic in understood["name"]
    assert "Conducteur / Conductrice de poids lourd" in understood["name"]
    kiosk.step("the job is named in Arabic, the French title beside it")

    # Driver offers, not warehouse jobs; the first card is the nearest and says how far.
    first = kiosk.find("Conducteur", "push button", match="contains", pick="first")
    away = ar("{town}, {km} km away").split("{km}")[0].split("{town}")[1].strip(" ،,")
    assert away in first.get("description", ""), first
    kiosk.gone(ar("Sorry, we did not understand this job. Try another word, or pictures."))
    kiosk.step("driver offers shown, nearest first with their distance")


def test_a_word_that_names_no_job_leads_to_pictures_named_in_english(
    start_kiosk: Callable[..., Kiosk],
) -> None:
    kiosk = start_kiosk()
    kiosk.tap(LANGUAGES["en"].native_name, "push button", timeout=30)
    kiosk.tap("Find a job", "push button")
    kiosk.type_into("Job", "xyzzy")
    kiosk.tap("Search", "push button")
    kiosk.find("Sorry, we did not understand this job. Try another word, or pictures.", "label")
    kiosk.gone("Conducteur", "push button", match="contains")  # never a random job's offers
    kiosk.step("xyzzy is not understood")
    kiosk.tap("Choose from pictures", "push button")
    kiosk.tap("Transport and warehouses", "push button")
    # The jobs of that kind in English, the French title beside each.
    english = job_name("N4101", "en")
    assert english
    label = f"{english} — Conducteur / Conductrice de poids lourd ("
    kiosk.find(label, "push button", match="startswith")
    kiosk.step("jobs from pictures named in English with the French title")
