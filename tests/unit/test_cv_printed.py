from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from kiosk.cv.dates import Period, YearMonth
from kiosk.cv.jsonresume import to_json_resume
from kiosk.cv.model import CV, Experience, Identity
from kiosk.cv.printed import SECTIONS, printable
from kiosk.cv.samples import arabic_cv, long_cv, short_cv


def test_sections_in_reading_order_and_in_the_cv_language() -> None:
    fr = printable(short_cv("fr"))
    assert [s.key for s in fr.sections] == list(SECTIONS)
    assert [s.heading for s in fr.sections][:3] == [
        "Profil",
        "Expérience professionnelle",
        "Autres expériences",
    ]
    assert fr.name == "Samira Benali" and not fr.rtl
    assert fr.contacts == ("06 12 34 56 78", "samira.benali@gmail.com", "Lyon 8e")
    jobs = fr.section("experience")
    assert jobs is not None
    assert [(e.title, e.dates) for e in jobs.entries] == [
        ("Équipière polyvalente", "depuis mars 2022"),
        ("Saisonnière cueillette", "3 mois"),
    ]
    assert jobs.entries[0].lines[0] == "Préparation des légumes et des ingrédients"
    languages = fr.section("languages")
    assert languages is not None and languages.items[1] == "Arabe : Langue maternelle"
    mobility = fr.section("mobility")
    assert mobility is not None and mobility.items[0] == "Permis B (voiture)"


def test_a_cv_made_in_arabic_prints_in_french_with_picked_phrases_translated() -> None:
    cv = arabic_cv()
    ar = printable(cv)
    assert ar.rtl and ar.sections[0].heading == "نبذة عني"
    fr = printable(cv, "fr")
    skills = fr.section("skills")
    assert skills is not None and "Travail en équipe" in skills.items
    assert fr.name == "سميرة بن علي"  # typed text stays as typed


def test_most_recent_first_and_undated_last() -> None:
    cv = CV(
        identity=Identity("A"),
        experiences=(
            Experience("undated"),
            Experience("old", period=Period(YearMonth(2010), YearMonth(2012))),
            Experience("now", period=Period(YearMonth(2015), ongoing=True)),
            Experience("recent", period=Period(YearMonth(2019, 3), YearMonth(2021, 6))),
        ),
    )
    section = printable(cv).section("experience")
    assert section is not None
    assert [e.title for e in section.entries] == ["now", "recent", "old", "undated"]


def test_empty_sections_are_left_out_and_no_diploma_is_said_plainly() -> None:
    cv = CV(identity=Identity("Amina"), no_diploma=True)
    out = printable(cv)
    assert [s.key for s in out.sections] == ["education"]
    assert out.sections[0].entries[0].title == "Sans diplôme"
    assert printable(CV()).sections == ()


def test_keeping_the_most_recent_experiences() -> None:
    out = printable(long_cv(30), keep_experiences=12)
    experience = out.section("experience")
    assert experience is not None and len(experience.entries) == 12
    section = out.section("experience")
    assert section is not None and section.entries[0].title.endswith(" 30")


def test_any_language_of_the_registry_prints_with_its_own_words() -> None:
    uk = printable(short_cv("fr"), "uk")
    assert not uk.rtl and [s.heading for s in uk.sections][:2] == ["Про мене", "Досвід роботи"]
    jobs = uk.section("experience")
    assert jobs is not None
    assert jobs.entries[0].lines[0] == "Підготовка овочів та інгредієнтів"  # picked in French
    assert jobs.entries[0].place == "Burger & Co, Vénissieux"  # typed text kept as typed
    assert [e.dates for e in jobs.entries] == ["березень 2022 – дотепер", "3 місяці"]
    languages = uk.section("languages")
    assert languages is not None and languages.items[1] == "Арабська: Рідна мова"


def test_latin_text_in_a_persian_cv_is_isolated_left_to_right() -> None:
    fa = printable(short_cv("fr"), "fa")
    assert fa.rtl and fa.sections[0].heading == "دربارهٔ من"
    jobs = fa.section("experience")
    assert jobs is not None
    first = jobs.entries[0]
    # A French employer and town inside a Persian line: each isolated, the Arabic comma
    # between them, so the line reads employer then town from the right.
    assert first.place == "\u2066Burger & Co\u2069، \u2066Vénissieux\u2069"
    assert first.title == "\u2066Équipière polyvalente\u2069"
    assert first.lines[0] == "آماده کردن سبزی و مواد غذا"  # a phrase: Persian, not isolated
    assert fa.name == "\u2066Samira Benali\u2069"
    # Typed Persian is left alone; the same CV printed in French has no isolates at all.
    assert printable(arabic_cv(), "fa").name == "سميرة بن علي"
    assert "\u2066" not in repr(printable(short_cv("fr"), "fr"))


def _pdf_text(pdf: Path, *options: str) -> str:
    out = subprocess.run(
        ["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Persian comes out as shaped presentation forms: NFKC gives the letters back; the
    # zero-width non-joiner of "می‌" is not a glyph, so pdftotext drops it.
    return unicodedata.normalize("NFKC", out).replace("\u200c", "")


def _render(tmp_path: Path, lang: str) -> Path:
    """The real `kiosk cv render` on a CV made in French, printed in `lang`."""
    source = tmp_path / "cv.json"
    source.write_text(json.dumps(to_json_resume(short_cv("fr"))), encoding="utf-8")
    out = tmp_path / f"cv-{lang}.pdf"
    run = subprocess.run(
        [sys.executable, "-m", "kiosk", "cv", "render", str(source), "--out", str(out),
         "--lang", lang],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    assert "NotoSans-Regular" in fonts.stdout
    if lang == "fa":
        assert "NotoSansArabic-Regular" in fonts.stdout
    return out


def test_a_real_pdf_in_ukrainian_reads_right(tmp_path: Path) -> None:
    text = " ".join(_pdf_text(_render(tmp_path, "uk")).split())
    parts = [
        "Samira Benali", "ПРО МЕНЕ", "Я завжди приходжу вчасно.", "ДОСВІД РОБОТИ",
        "березень 2022 – дотепер", "Équipière polyvalente", "Burger & Co, Vénissieux",
        "Підготовка овочів та інгредієнтів", "3 місяці", "ОСВІТА",
        "CAP Cuisine (навчання, без диплома)",
        "НАВИЧКИ", "Правила харчової гігієни", "Французька: Вільно",
        "Посвідчення водія B (легкове авто)", "ЗАХОПЛЕННЯ", "Кулінарія",
    ]  # fmt: skip
    where = [text.find(p) for p in parts]
    assert all(i >= 0 for i in where), [p for p, i in zip(parts, where, strict=True) if i < 0]
    assert where == sorted(where)


def test_a_real_pdf_in_persian_reads_right_with_french_names_inside(tmp_path: Path) -> None:
    pdf = _render(tmp_path, "fa")
    text = _pdf_text(pdf)
    for words in ("تحصیلات", "کار گروهی", "آماده کردن سبزی و مواد غذا", "زبان مادری",
                  "Équipière polyvalente", "Burger & Co", "Restos du Cœur",
                  "Lycée François Rabelais",
                  "06 12 34 56 78"):  # fmt: skip
        assert words in text, words
    # Right to left with the French names kept whole: on the employer's line, the employer
    # (read first) is right of the town, and each name's own letters run left to right.
    bbox = _pdf_text(pdf, "-bbox")
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<'
    words = re.findall(pattern, bbox)
    row = next(y for _x, y, w in words if w == "Burger")
    line = {w: float(x) for x, y, w in words if y == row}
    assert line["Vénissieux"] < line["Burger"] < line["Co"], line
