from __future__ import annotations

from kiosk.cv.dates import Period, YearMonth
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
    assert out.experience_count() == 12
    section = out.section("experience")
    assert section is not None and section.entries[0].title.endswith(" 30")
