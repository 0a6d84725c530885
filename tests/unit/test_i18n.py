from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from kiosk import i18n
from kiosk.i18n import LANGUAGES, _, translator

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def catalogue(code: str):  # type: ignore[no-untyped-def]
    with open(LOCALES / code / "LC_MESSAGES" / "kiosk.po", "rb") as handle:
        return read_po(handle, locale=code)


def extracted_ids() -> set[tuple[str | None, str]]:
    """What the code marks for translation now, extracted like `make extract` does: (context,
    message id), as "Numbers" the keyboard key and "Numbers" the interest are two messages."""
    keywords = {**DEFAULT_KEYWORDS, "N_": None, "NC_": ((1, "c"), 2), "ngettext": (1, 2)}
    ids: set[tuple[str | None, str]] = set()
    for folder in ("kiosk", "ui"):
        for _file, _line, message, _comments, context in extract_from_dir(
            ROOT / folder, keywords=keywords
        ):
            ids.add((context, message if isinstance(message, str) else message[0]))
    return ids


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_catalogue_is_complete_and_not_fuzzy(code: str) -> None:
    po = catalogue(code)
    wanted = extracted_ids()
    assert len(wanted) > 40, "extraction found almost nothing: the check is broken"
    # A plural entry's id is (singular, plural): it is known by its singular, as extracted.
    have = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m for m in po if m.id}
    assert wanted - set(have) == set(), "run `make update-po` and translate"
    untranslated = [
        m.id for m in have.values() if not m.string or (m.pluralizable and not all(m.string))
    ]
    assert untranslated == []
    assert [m.id for m in have.values() if m.fuzzy] == []
    for message in have.values():
        ids = set(PLACEHOLDER.findall(str(message.id)))
        assert set(PLACEHOLDER.findall(str(message.string))) == ids, message.id


@pytest.mark.parametrize("code", sorted(set(LANGUAGES) - {"en"}))
def test_one_word_two_meanings_has_two_translations(code: str) -> None:
    # "Numbers": the keyboard key that shows the digits, and an interest in orientation.
    # "No diploma": the CV's button and orientation's diploma level. Each has its own entry.
    for message in ("Numbers", "No diploma"):
        meanings = [m for m in catalogue(code) if m.id == message and m.context]
        assert len(meanings) == 2 and all(m.string for m in meanings), (code, message)
    key = translator.gettext(i18n.NC_("keyboard key", "Numbers"), code)
    interest = translator.gettext(i18n.NC_("interest", "Numbers"), code)
    assert key and interest and "Numbers" not in key + interest
    assert i18n.CONTEXT_GLUE not in key + interest


def test_a_message_with_context_shows_the_message_alone_untranslated() -> None:
    assert translator.gettext(i18n.NC_("keyboard key", "Numbers"), "en") == "Numbers"
    assert translator.gettext(i18n.NC_("nowhere", "Not in any catalogue"), "fr") == (
        "Not in any catalogue"
    )
    assert "Numbers" in translator.texts("en")


def test_the_check_finds_an_untranslated_entry(tmp_path: Path) -> None:
    # The completeness check above must be able to fail: a catalogue with a hole is caught.
    from babel.messages.catalog import Catalog

    cat = Catalog(locale="fr")
    cat.add("Hello", "")
    assert [m.id for m in cat if m.id and not m.string] == ["Hello"]


def test_language_switch_is_live() -> None:
    translator.set_language("en")
    assert _("Repeat") == "Repeat"
    translator.set_language("fr")
    assert _("Repeat") == "Répéter"
    translator.set_language("ar")
    assert _("Repeat") == "إعادة"
    assert i18n.current().rtl


def test_listeners_hear_changes_once() -> None:
    heard: list[str] = []
    translator.on_change(heard.append)
    try:
        translator.set_language("ar")
        translator.set_language("ar")
        translator.set_language("en")
    finally:
        translator.off_change(heard.append)
    assert heard == ["ar", "en"]


def test_numbers_and_dates_follow_the_language() -> None:
    translator.set_language("fr")
    assert i18n.format_date(dt.date(2026, 11, 25)) == "25 novembre 2026"
    assert i18n.format_age(dt.timedelta(days=3)) == "il y a 3 jours"
    translator.set_language("en")
    assert i18n.format_age(dt.timedelta(days=3)) == "3 days ago"
    translator.set_language("ar")
    assert "1" in i18n.format_number(1802), "Western digits, as used in France"
    assert "نوفمبر" in i18n.format_date(dt.date(2026, 11, 25))


def test_po_files_compile_in_memory_without_make(tmp_path: Path) -> None:
    target = tmp_path / "fr" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "kiosk.po").write_bytes((LOCALES / "fr" / "LC_MESSAGES" / "kiosk.po").read_bytes())
    fresh = i18n.Translator(tmp_path, "fr")
    assert fresh.gettext("Repeat") == "Répéter"


def test_ltr_isolates_numbers_once() -> None:
    assert i18n.ltr("06 12 34 56 78") == "\u206606 12 34 56 78\u2069"
    assert i18n.ltr(i18n.ltr("75001")) == i18n.ltr("75001")
    assert i18n.ltr("") == ""
