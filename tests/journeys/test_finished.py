"""Journey: a person writes their name, phone and e-mail in a CV and searches for a job, then
touches "I've finished": nothing of them is left on the kiosk's disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.speech.cache import phrase_key
from kiosk.speech.speaker import split_sentences
from tests.journeys.journey_kit import Kiosk, fr, wait_until

pytestmark = pytest.mark.journey

NAME = "zelie quennec"
PHONE = "0791827364"
EMAIL = "zelie.quennec@exemple.fr"
SEARCH = "boulanger quenelle"  # "boulanger" alone is in the catalogue; the person's words are not
# What could give the person away, in the forms the kiosk may store them.
TRACES = (NAME, "quennec", PHONE, "07 91 82 73 64", "+33791827364", EMAIL, SEARCH)


def traces(*folders: Path) -> dict[str, list[str]]:
    """Which files hold which of the person's traces, in UTF-8 or UTF-16, any letter case."""
    needles = {
        text: [text.encode("utf-8"), text.encode("utf-16-le"), text.title().encode("utf-16-le")]
        for text in TRACES
    }
    found: dict[str, list[str]] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            try:
                data = path.read_bytes()
            except OSError:  # removed while we looked
                continue
            lowered = data.lower()
            held = [
                text
                for text, forms in needles.items()
                if forms[0] in lowered or any(form in data for form in forms[1:])
            ]
            if held:
                found[str(path.relative_to(folder.parent))] = held
    return found


def in_speech_cache(kiosk: Kiosk, text: str) -> bool:
    """Whether audio of `text` (its first sentence, in French at the default rate) is on disk.
    Audio of what a person typed holds none of its letters: it is found by its cache key."""
    key = phrase_key("fr", 150, split_sentences(text)[0])
    return any(key in path.name for path in (kiosk.data_dir / "speech-cache").rglob("*"))


def test_ive_finished_leaves_nothing_of_the_person_on_disk(
    start_kiosk: Callable[..., Kiosk],
) -> None:
    kiosk = start_kiosk()
    kiosk.tap("Français", "push button", timeout=30)
    folders = (kiosk.data_dir, kiosk.tmp_dir)
    assert traces(*folders) == {}, "the kiosk holds these words before the person came"

    kiosk.tap(fr("Find a job"), "push button")
    kiosk.type_into(fr("Job"), SEARCH)
    kiosk.tap(fr("Search"), "push button")
    kiosk.find(fr("Offers for “{query}”").format(query=SEARCH), "label")
    kiosk.step("search done")
    kiosk.tap(fr("Home"), "push button")
    kiosk.tap(fr("Make my CV"), "push button")
    kiosk.tap(fr("Start my CV"), "push button")
    # One question per screen: the name, the phone (on the digit keypad), the e-mail address.
    kiosk.type_into(fr("Your first name and name"), NAME)
    kiosk.tap(fr("Next"), "push button")
    kiosk.find(fr("Question {n} of {total}.").format(n=2, total=13), "label")
    kiosk.tap(fr("Your phone number"), "text")
    keys = [{"key": digit, "char": digit} for digit in PHONE]
    answer = kiosk.bus.request(
        "type", field={"name": fr("Your phone number"), "role": "text"}, keys=keys, timeout=60
    )
    assert answer["ok"], answer
    kiosk.tap(fr("Next"), "push button")
    kiosk.find(fr("Question {n} of {total}.").format(n=3, total=13), "label")
    kiosk.type_into(fr("Your e-mail address"), EMAIL)
    kiosk.tap(fr("Next"), "push button")
    kiosk.find(fr("Question {n} of {total}.").format(n=4, total=13), "label")
    kiosk.step("CV identity written")

    # The check below can see the person: while they are here, their CV is saved on disk.
    during = wait_until(lambda: traces(*folders), 10, "the CV being autosaved", kiosk)
    assert any(NAME in held for held in during.values()), during
    # The speech check can see audio: the home screen's fixed words are cached on disk...
    home = f"{fr('What do you want to do?')} {fr('Touch a picture.')}"
    wait_until(lambda: in_speech_cache(kiosk, home), 10, "the home screen's audio cached", kiosk)
    # ...but the offers' title, which says the person's search, never is.
    said_search = fr("Offers for “{query}”").format(query=SEARCH) + "."
    assert not in_speech_cache(kiosk, said_search), "audio of the search is on disk"

    kiosk.tap(fr("I've finished"), "push button")
    kiosk.find(fr("Goodbye, and good luck!"), "label")
    kiosk.step("goodbye shown")
    left: dict[str, list[str]] = {}

    def wiped() -> bool:
        left.clear()
        left.update(traces(*folders))
        return not left

    try:
        wait_until(wiped, 15, "the person's data being wiped", kiosk)
    except AssertionError as exc:
        raise AssertionError(f"after 'I've finished' these files still hold: {left}") from exc
    assert not in_speech_cache(kiosk, said_search), "audio of the search is on disk"
    kiosk.step("nothing left on disk")
    assert kiosk.process.poll() is None, "the kiosk must still run for the next person"
