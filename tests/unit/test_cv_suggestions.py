from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from kiosk.catalogue.rome import load_rome
from kiosk.cv import phrasebook
from kiosk.cv.model import Term
from kiosk.cv.suggestions import CV_LANGUAGES, KINDS, SuggestionDataError, Vocabulary, vocabulary
from kiosk.languages import CODES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_i18n import catalogue, extracted_ids

SCRIPTS = {"ar": "[\u0600-\u06ff]", "fa": "[\u0600-\u06ff]", "uk": "[\u0400-\u04ff]"}


def test_the_completeness_test_covers_every_phrase_and_label() -> None:
    # The vocabulary is checked by tests/unit/test_i18n.py like every other message: each
    # phrase's msgid is among what extraction finds, so a new phrase without its nine
    # translations fails there.
    wanted = {message for _context, message in extracted_ids()}
    msgids = {p.msgid for kind in KINDS for p in vocabulary().all(kind)}
    msgids |= set(phrasebook.LABELS.values()) | {"{n} month", "{n} year", "{n} week"}
    assert len(msgids) > 150
    assert msgids - wanted == set()


@pytest.mark.parametrize("code", CODES)
def test_every_phrase_is_translated_in_every_language(code: str) -> None:
    assert CV_LANGUAGES == CODES  # the registry decides which languages a CV can print in
    po = catalogue(code)
    for kind in KINDS:
        for phrase in vocabulary().all(kind):
            message = po.get(phrase.msgid)
            assert message is not None and message.string, (code, phrase.ref)
            assert phrase.in_language(code) == message.string
            if code in SCRIPTS:
                assert re.search(SCRIPTS[code], phrase.in_language(code)), (code, phrase.ref)
            elif code != "en":
                assert phrase.in_language(code), (code, phrase.ref)


def test_occupations_named_in_the_data_exist_in_rome() -> None:
    rome = load_rome()
    words = vocabulary()
    for kind in ("skill", "task"):
        for phrase in words.all(kind):
            for code in phrase.suits:
                if len(code) == 5:
                    assert code in rome.occupations, (phrase.id, code)


def test_suggestions_put_the_occupation_first_then_the_domain_then_everyone() -> None:
    skills = [p.id for p in vocabulary().for_occupations("skill", ["G1602"])]
    assert skills.index("cooking") < skills.index("food_hygiene") < skills.index("punctual")
    assert "order_picking" not in skills
    assert {p.id for p in vocabulary().for_occupations("skill", [])} == {
        p.id for p in vocabulary().all("skill") if "*" in p.suits
    }
    tasks = [p.id for p in vocabulary().for_occupations("task", ["N1103", "K2204"])]
    assert tasks[:2] == ["prepare_orders", "clean_rooms"]


def test_a_picked_phrase_prints_in_the_cv_language() -> None:
    words = vocabulary()
    phrase = words.get("skill", "teamwork")
    assert phrase is not None
    term = phrase.term("ar")
    assert term == Term("العمل ضمن فريق", "skill:teamwork")
    assert words.resolve(term, "fr") == "Travail en équipe"
    assert words.resolve(Term("Soudure à l'arc"), "ar") == "Soudure à l'arc"
    assert words.resolve(Term("gone", "skill:no_such"), "fr") == "gone"


def test_plurals_follow_each_language() -> None:
    words = vocabulary()
    assert [words.plural("duration.months", n, "ar") for n in (1, 2, 3, 11)] == [
        "شهر واحد", "شهران", "3 أشهر", "11 شهرًا"
    ]  # fmt: skip
    assert words.plural("duration.years", 1, "fr") == "1 an"
    assert [words.plural("duration.months", n, "uk") for n in (1, 3, 5, 21)] == [
        "1 місяць", "3 місяці", "5 місяців", "21 місяць"
    ]  # fmt: skip
    assert words.plural("duration.weeks", 20, "ro") == "20 de săptămâni"
    assert words.language_name("en", "tr") == "İngilizce"
    assert words.language_name("fr", "uk") == "Французька"
    assert words.language_name("ar", "fr") == "Arabe"
    assert words.language_name("fr", "ar") == "الفرنسية"
    assert words.language_name("xx", "fr") == "xx"


def test_a_bad_phrasebook_is_named() -> None:
    twice = (phrasebook.Word("x", "X", ("*",)), phrasebook.Word("x", "Y", ("*",)))
    with pytest.raises(SuggestionDataError, match="skill 'x'"):
        Vocabulary({"skill": twice})
    with pytest.raises(SuggestionDataError, match="ROME"):
        Vocabulary({"task": (phrasebook.Word("y", "Y", ("Z9999",)),)})


def test_an_unknown_language_prints_english_never_empty() -> None:
    phrase = vocabulary().get("skill", "teamwork")
    assert phrase is not None
    assert phrase.in_language("xx") == "Working in a team"
    assert vocabulary().label("heading.skills", "xx") == "Skills"


def test_levels_keep_the_words_an_imported_file_may_use() -> None:
    native = vocabulary().get("level", "native")
    assert native is not None and native.extra is not None
    assert "mother tongue" in native.extra["also"] and native.extra["cefr"] == []
    assert native.text["uk"] == "Рідна мова" and len(native.text) == len(CODES)
