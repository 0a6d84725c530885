"""Journey: a person who does not know what job to look for touches "What job could I do?",
picks what they like and what they did from pictures by their names, skips what they do not
want, sees jobs each with the sentence saying why, and opens the offers of the first one near
them; then comes back to the list. In French and in Arabic (right to left)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kiosk.i18n import LANGUAGES, in_language, ngettext, translator
from kiosk.orientation import Answers, suggest
from kiosk.storage import connect
from tests.journeys.journey_kit import Kiosk
from ui.orient.state import NEARBY_KM
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
