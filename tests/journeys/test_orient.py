"""Journey: a person who does not know what job to look for touches "What job could I do?",
picks what they like and what they did from pictures by their names, skips what they do not
want, sees jobs each with the sentence saying why, and opens the offers of the first one near
them; then comes back to the list. In French, English and Arabic (right to left).

Then the jobs are kept: "Keep these jobs", a first name and a code on the CV's own keep
screen; the person finishes, and in a new visit "My kept jobs" with the same first name and
code brings the same list back."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kiosk.i18n import LANGUAGES, in_language, ngettext, translator
from kiosk.orientation import Answers, Suggestion, suggest
from kiosk.storage import connect
from tests.journeys.journey_kit import Kiosk
from ui.orient.kept import FOUND
from ui.orient.state import NEARBY_KM
from ui.screens.orient_jobs import KEPT_TITLE
from ui.screens.orient_keep import KEPT_NEW
from ui.search.words import job_label

pytestmark = pytest.mark.journey

AGENCY = "69123"


def translated(code: str, message: str) -> str:
    text = in_language(code, message)
    assert text != message or code == "en", f"{message!r} is not translated into {code}"
    return text


@pytest.mark.parametrize("lang", ["fr", "en", "ar"])
def test_what_job_could_i_do_to_the_offers(start_kiosk: Callable[..., Kiosk], lang: str) -> None:
    kiosk = start_kiosk(agency__commune=AGENCY)
    t = lambda message: translated(lang, message)  # noqa: E731
    kiosk.tap(LANGUAGES[lang].native_name, "push button", timeout=30)
    kiosk.tap(t("What job could I do?"), "push button")
    kiosk.tap(t("Start"), "push button")
    kiosk.find(t("What do you like?"), "label")
    kiosk.tap(t("Nature and the outdoors"))
    kiosk.tap(t("Next"), "push button")
    kiosk.find(t("What have you done?"), "label")
    kiosk.tap(t("Farm work, picking fruit"))
    kiosk.tap(t("Next"), "push button")
    kiosk.find(t("What do you not want?"), "label")
    kiosk.tap(t("Skip"), "push button")
    kiosk.find(t("Jobs for you"), "label")
    kiosk.step("answers given by touch")

    # What the engine answers for these choices on this kiosk's own catalogue: the screen
    # must show the first job's reason and open its offers.
    db = connect(kiosk.data_dir / "catalogue.db")
    before = translator.language.code
    try:
        translator.set_language(lang)
        answers = Answers(interests=(9,), experiences=("farm",), km=NEARBY_KM)
        result = suggest(db, answers, 10, agency_commune=AGENCY)
        assert 5 <= len(result.suggestions) <= 10
        first = result.suggestions[0]
        why, title = first.why(), job_label(first.code, first.label)
        count = ngettext("{n} offer", "{n} offers", first.offers).format(n=first.offers)
    finally:
        translator.set_language(before)
        db.conn.close()
    kiosk.find(why, "label", pick="first")
    kiosk.step("suggestions with why")
    kiosk.tap(t("See the offers"), "push button", pick="first")
    kiosk.find(title, "label", match="contains", pick="first")
    kiosk.find(count, "label")
    kiosk.step("offers of the first suggestion")
    kiosk.tap(t("Back"), "push button")
    kiosk.find(t("Jobs for you"), "label")
    assert kiosk.process.poll() is None, "the kiosk must still run"


def first_suggestion(kiosk: Kiosk) -> Suggestion:
    """What the engine answers for nature + farm work on this kiosk's own catalogue."""
    db = connect(kiosk.data_dir / "catalogue.db")
    try:
        answers = Answers(interests=(9,), experiences=("farm",), km=NEARBY_KM)
        return suggest(db, answers, 10, agency_commune=AGENCY).suggestions[0]
    finally:
        db.conn.close()


def test_jobs_kept_then_found_back_in_a_new_visit(start_kiosk: Callable[..., Kiosk]) -> None:
    # The kiosk keeps spaces itself (no hub): the hub's side is test_hub's journey.
    kiosk = start_kiosk(agency__commune=AGENCY, hub__url="")
    t = lambda message: translated("fr", message)  # noqa: E731
    code, first_name = "385172", "Awa"
    kiosk.tap("Français", "push button", timeout=30)
    kiosk.tap(t("What job could I do?"), "push button")
    kiosk.tap(t("Start"), "push button")
    kiosk.tap(t("Nature and the outdoors"))
    kiosk.tap(t("Next"), "push button")
    kiosk.tap(t("Farm work, picking fruit"))
    kiosk.tap(t("Next"), "push button")
    kiosk.tap(t("Skip"), "push button")
    kiosk.find(t("Jobs for you"), "label")
    before = translator.language.code
    try:
        translator.set_language("fr")
        first = first_suggestion(kiosk)
        why = first.why()
    finally:
        translator.set_language(before)
    kiosk.find(why, "label", pick="first")

    kiosk.tap(t("Keep these jobs"), "push button")
    kiosk.find(t("Keep my jobs for next time"), "label")
    kiosk.type_into(t("Your first name"), first_name)
    kiosk.type_code(t("Your secret code: 6 digits"), code)
    kiosk.type_code(t("The same code again"), code)
    kiosk.tap(t("Keep my jobs"), "push button")
    kiosk.find(t(KEPT_NEW).split("{name}")[0] + first_name, "label", timeout=30, match="startswith")
    kiosk.find(t("Jobs for you"), "label")
    kiosk.step("jobs kept with a first name and a code")

    kiosk.tap(t("I've finished"), "push button")
    kiosk.find(t("Goodbye, and good luck!"), "label")

    # A new visit: nothing of the last one, until the first name and the code are given.
    kiosk.tap("Français", "push button", timeout=30)
    kiosk.tap(t("What job could I do?"), "push button")
    kiosk.tap(t("My kept jobs"), "push button")
    kiosk.find(t("Find what I kept"), "label")
    kiosk.type_into(t("Your first name"), first_name.lower())
    kiosk.type_code(t("Your secret code: 6 digits"), code)
    kiosk.tap(t("Open"), "push button")
    kiosk.find(t(FOUND), "label", timeout=30)
    kiosk.find(t(KEPT_TITLE), "label")
    kiosk.find(why, "label", pick="first")
    kiosk.step("kept jobs found in a new visit")
    assert kiosk.process.poll() is None, "the kiosk must still run"
