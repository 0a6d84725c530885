from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kiosk.catalogue.rome import load_rome
from kiosk.cv.model import Term
from kiosk.cv.suggestions import CV_LANGUAGES, KINDS, SuggestionDataError, Vocabulary, vocabulary
from kiosk.resources import data_file

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def test_every_entry_has_french_english_and_arabic() -> None:
    words = vocabulary()
    for kind in KINDS:
        phrases = words.all(kind)
        assert phrases, kind
        for phrase in phrases:
            assert all(phrase.text[lang].strip() for lang in CV_LANGUAGES), phrase
            assert re.search(r"[\u0600-\u06ff]", phrase.text["ar"]), phrase  # really Arabic


def test_occupations_named_in_the_data_exist_in_rome() -> None:
    rome = load_rome()
    words = vocabulary()
    for kind in ("skill", "task"):
        for phrase in words.all(kind):
            for code in phrase.suits:
                if len(code) == 5:
                    assert code in rome.occupations, (phrase.id, code)


def test_labels_have_the_same_placeholders_in_every_language() -> None:
    labels = json.loads(data_file("cv", "labels.json").read_text(encoding="utf-8"))["entries"]
    for entry in labels:
        forms = {lang: entry[lang] for lang in CV_LANGUAGES}
        flat = {
            lang: set(PLACEHOLDER.findall(" ".join(f.values()) if isinstance(f, dict) else f))
            for lang, f in forms.items()
        }
        assert flat["fr"] == flat["en"], entry["id"]
        if not isinstance(forms["en"], dict):
            assert flat["ar"] == flat["en"], entry["id"]


def test_suggestions_put_the_occupation_first_then_the_domain_then_everyone() -> None:
    skills = [p.id for p in vocabulary().skills_for(["G1602"])]
    assert skills.index("cooking") < skills.index("food_hygiene") < skills.index("punctual")
    assert "order_picking" not in skills
    assert {p.id for p in vocabulary().skills_for([])} == {
        p.id for p in vocabulary().all("skill") if "*" in p.suits
    }
    tasks = [p.id for p in vocabulary().tasks_for(["N1103", "K2204"])]
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
    assert words.language_name("ar", "fr") == "Arabe"
    assert words.language_name("fr", "ar") == "الفرنسية"
    assert words.language_name("xx", "fr") == "xx"


def test_a_broken_data_file_is_named(tmp_path: Path) -> None:
    for path in data_file("cv").glob("*.json"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "skills.json").write_text('{"entries": [{"id": "x", "en": "X"}]}', encoding="utf-8")
    with pytest.raises(SuggestionDataError, match=r"skills\.json"):
        Vocabulary(tmp_path)
