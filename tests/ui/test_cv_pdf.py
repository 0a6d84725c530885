"""The CV renderer, checked the way an applicant tracking system and a recruiter see the PDF:
pdffonts (embedded fonts), pdftotext (selectable text in reading order), page count."""

from __future__ import annotations

import re
import subprocess
import threading
import unicodedata
from pathlib import Path

import pytest

from kiosk.cv.dates import Period, YearMonth
from kiosk.cv.jsonresume import from_json_resume
from kiosk.cv.model import CV, Experience, Identity
from kiosk.cv.samples import JSON_RESUME_SAMPLE, arabic_cv, long_cv, short_cv
from kiosk.cv.templates import names
from kiosk.errors import Explained, UserError

pytestmark = pytest.mark.usefixtures("qapp")
TEMPLATES = names()


def text_of(pdf: Path, *options: str) -> str:
    out = subprocess.run(
        ["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Arabic comes out as presentation forms (the shaped glyphs): NFKC gives the letters back.
    return unicodedata.normalize("NFKC", out)


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    match = re.search(r"Pages:\s+(\d+)", info.stdout)
    assert match
    return int(match[1])


def in_order(text: str, *parts: str) -> None:
    flat = " ".join(text.split())
    where = [flat.find(p) for p in parts]
    assert all(i >= 0 for i in where), [p for p, i in zip(parts, where, strict=True) if i < 0]
    assert where == sorted(where), list(zip(parts, where, strict=True))


def render(cv: CV, tmp_path: Path, template: str, lang: str | None = None):  # type: ignore[no-untyped-def]
    from ui.cv_pdf import render_pdf

    path = tmp_path / f"cv-{template}-{lang}.pdf"
    return path, render_pdf(cv, path, template, lang)


@pytest.mark.parametrize("template", TEMPLATES)
def test_fonts_are_embedded(tmp_path: Path, template: str) -> None:
    path, _result = render(arabic_cv(), tmp_path, template)
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert lines
    names_ = {line.split()[0] for line in lines}
    assert {"NotoSans-Regular", "NotoSans-Bold", "NotoSansArabic-Regular"} <= names_
    for line in lines:
        emb = line.split()[-5]
        assert emb == "yes", line


def test_classic_reads_in_order_on_one_page(tmp_path: Path) -> None:
    path, result = render(short_cv("fr"), tmp_path, "classic")
    assert result.fits and result.pages == 1 and pages_of(path) == 1 and result.message == ""
    text = text_of(path)
    in_order(
        text,
        "Samira Benali",
        "Commis / Commise de cuisine",
        "06 12 34 56 78",
        "samira.benali@gmail.com",
        "PROFIL",
        "J'arrive toujours à l'heure.",
        "EXPÉRIENCE PROFESSIONNELLE",
        "depuis mars 2022",
        "Équipière polyvalente",
        "Burger & Co, Vénissieux",
        "Préparation des légumes et des ingrédients",
        "Saisonnière cueillette",
        "AUTRES EXPÉRIENCES",
        "Bénévolat : Distribution de repas",
        "FORMATION",
        "CAP Cuisine",
        "COMPÉTENCES",
        "Règles d'hygiène alimentaire",
        "LANGUES",
        "Arabe : Langue maternelle",
        "PERMIS ET MOBILITÉ",
        "Permis B (voiture)",
        "CENTRES D'INTÉRÊT",
        "Football",
    )


def test_band_reads_name_and_main_column_in_order(tmp_path: Path) -> None:
    path, result = render(short_cv("fr"), tmp_path, "band")
    assert result.fits and pages_of(path) == 1
    text = text_of(path)
    in_order(text, "Samira Benali", "PROFIL", "EXPÉRIENCE PROFESSIONNELLE", "Équipière polyvalente")
    in_order(text, "Contact", "06 12 34 56 78", "Compétences", "Langues", "Centres d'intérêt")


@pytest.mark.parametrize("template", TEMPLATES)
def test_english_cv_of_the_same_person(tmp_path: Path, template: str) -> None:
    path, result = render(short_cv("fr"), tmp_path, template, "en")
    assert result.fits and result.lang == "en"
    text = text_of(path).upper()
    in_order(text, "SAMIRA BENALI", "WORK EXPERIENCE", "SINCE MARCH 2022", "3 MONTHS")


@pytest.mark.parametrize("template", TEMPLATES)
def test_arabic_is_shaped_right_to_left_and_extractable(tmp_path: Path, template: str) -> None:
    path, result = render(arabic_cv(), tmp_path, template, "ar")
    assert result.fits and pages_of(path) == 1
    text = text_of(path)
    for words in ("سميرة بن علي", "الخبرة المهنية", "المهارات", "مساعدة طباخ", "منذ"):
        assert words in text, words
    assert "06 12 34 56 78" in text  # the phone number is not reversed inside Arabic
    # Right to left: the name ends at the right margin of its column.
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"', bbox)
    first_line = [float(x_max) for _x, y, x_max in words if y == words[0][1]]
    right_edge = 595 - 46 if template == "classic" else 595 - 178 - 34
    assert max(first_line) > right_edge - 5, (first_line, right_edge)
    assert min(first_line) > 300  # and starts right of the middle: it is not left-aligned


def test_a_cv_made_in_arabic_prints_in_french(tmp_path: Path) -> None:
    path, _result = render(arabic_cv(), tmp_path, "classic", "fr")
    text = " ".join(text_of(path).split())
    assert "EXPÉRIENCE PROFESSIONNELLE" in text and "Travail en équipe" in text
    assert "سميرة بن علي" in text


def test_thirty_jobs_without_tasks_fit_on_one_page_or_say_how_many_do(tmp_path: Path) -> None:
    cv = long_cv(30)
    cv = cv.replace(
        experiences=tuple(Experience(e.job, e.employer, e.town, e.period) for e in cv.experiences)
    )
    path, result = render(cv, tmp_path, "classic")
    assert result.fits, result
    assert pages_of(path) == 1
    assert result.density.spacing < 1.0  # it had to tighten
    text = text_of(path)
    assert all(f"Préparateur de commandes {i}" in text for i in range(1, 31))
    # The band's main column is narrower: with these long employer names it says how many fit.
    path, result = render(cv, tmp_path, "band")
    assert result.fits or result.values["count"] >= 25


@pytest.mark.parametrize("template", TEMPLATES)
def test_thirty_jobs_with_tasks_say_why_they_do_not_fit(tmp_path: Path, template: str) -> None:
    path, result = render(long_cv(30), tmp_path, template)
    assert not result.fits and result.pages == pages_of(path) >= 2
    assert result.message.startswith("Your CV is too long for one page.")
    count = result.values["count"]
    assert isinstance(count, int) and 10 <= count < 30
    assert str(count) in result.explain()
    text = text_of(path)  # nothing was cut: every job is in the PDF
    assert all(f"Préparateur de commandes {i}" in text for i in range(1, 31))
    # ... and the advice is right: that many most recent jobs do fit.
    keep = long_cv(30).replace(experiences=long_cv(30).experiences[30 - count :])
    assert render(keep, tmp_path, template)[1].fits


def test_denser_settings_never_take_more_room() -> None:
    from kiosk.cv.printed import printable
    from ui.cv_pdf.html import DENSITIES
    from ui.cv_pdf.render import _layout

    for cv in (long_cv(30), arabic_cv()):
        for template in TEMPLATES:
            heights = [
                max(c.doc.size().height() for c in _layout(printable(cv), template, d).columns)
                for d in DENSITIES
            ]
            assert heights == sorted(heights, reverse=True), (template, heights)


def test_emoji_and_mixed_scripts_print_without_boxes(tmp_path: Path) -> None:
    cv = CV(
        identity=Identity("Zoé 🌻 Nguyễn-بن علي"),
        experiences=(
            Experience(
                "Vendeuse 🛒 au marché",
                "Marché 李",
                period=Period(YearMonth(2020), YearMonth(2021)),
            ),
        ),
    )
    path, result = render(cv, tmp_path, "classic")
    assert result.fits
    text = text_of(path)
    assert "Zoé Nguyễn-بن علي" in " ".join(text.split()) or "Zoé" in text
    assert "Vendeuse au marché" in " ".join(text.split())
    assert "🌻" not in text


def test_an_empty_draft_renders_for_the_preview(tmp_path: Path) -> None:
    path, result = render(CV(), tmp_path, "band")
    assert result.fits and pages_of(path) == 1


def test_any_json_resume_renders(tmp_path: Path) -> None:
    cv = from_json_resume(JSON_RESUME_SAMPLE)
    path, result = render(cv, tmp_path, "classic", "en")
    assert result.fits
    in_order(text_of(path), "Richard Hendriks", "WORK EXPERIENCE", "CEO/President", "Pied Piper")


def test_unknown_template_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        render(short_cv(), tmp_path, "fancy")
    assert caught.value.values == {"name": "fancy"}


def test_preview_image(tmp_path: Path) -> None:
    from PySide6.QtGui import QColor

    from ui.cv_pdf import render_preview

    image, result = render_preview(short_cv(), 600, "band")
    assert (image.width(), image.height()) == (600, 849) and result.fits  # A4: 1 to 1.414
    assert image.pixelColor(20, 800) == QColor("#e6eef7")  # the band
    assert image.pixelColor(590, 840) == QColor("white")
    dark = sum(
        1
        for x in range(200, 600, 4)
        for y in range(30, 70, 2)
        if image.pixelColor(x, y).lightness() < 100
    )
    assert dark > 30  # the name is drawn


def test_rendering_on_a_worker_thread(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.cv_pdf import render_pdf, render_preview
    from ui.cv_pdf.fonts import warm
    from ui.tasks import Tasks

    warm()  # as ui.assembly does on the UI thread before any CV is rendered

    errors: list[Explained] = []
    done: list[object] = []
    tasks = Tasks(errors.append)
    threads: list[str] = []

    def work() -> object:
        threads.append(threading.current_thread().name)
        result = render_pdf(arabic_cv(), tmp_path / "thread.pdf", "band", "ar")
        image, _ = render_preview(short_cv(), 300, "classic")
        return (result, image.width())

    tasks.run(work, done.append)
    qtbot.waitUntil(lambda: bool(done or errors), timeout=20000)
    assert errors == []
    assert threads and threads[0] != threading.main_thread().name
    result, width = done[0]  # type: ignore[misc]
    assert result.fits and width == 300
    assert "سميرة" in text_of(tmp_path / "thread.pdf")
    tasks.wait()
