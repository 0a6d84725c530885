"""The offer and its cards in plain words, in the person's language: pay, hours, contract
with its pictogram, experience; the offer's own French text kept whole and read by the French
voice; numbers kept left-to-right and French values aligned on Arabic screens; a kept offer,
a QR code and a print each confirmed on screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.catalogue import plain
from kiosk.catalogue.importer import import_offers
from kiosk.catalogue.names import job_name
from kiosk.config import Config
from kiosk.i18n import LRI, PDI, _
from tests.ui.taps import tap
from ui.screens.offer import QR_SHOWN
from ui.search.card import OfferCardButton
from ui.search.state import state_for

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

DESCRIPTION = "Nous recherchons un boulanger (H/F) motivé.\nTravail en équipe, 39H par semaine."
PAY = "Mensuel de 2899.15 Euros à 3199 Euros sur 12 mois"
HOURS = "39H Travail en équipe"


def offer(offer_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": offer_id,
        "intitule": extra.get("title", "Boulanger (H/F)"),
        "description": DESCRIPTION,
        "romeCode": "D1102",
        "lieuTravail": {
            "libelle": "69 - LYON 03",
            "commune": "69123",
            "latitude": 45.76,
            "longitude": 4.85,
        },
        "typeContrat": extra.get("contract", "CDD"),
        "typeContratLibelle": extra.get("contract_label", "Contrat à durée déterminée - 6 Mois"),
        "experienceExige": extra.get("experience", "E"),
        "experienceLibelle": extra.get("experience_label", "2 An(s)"),
        "dureeTravailLibelle": extra.get("hours", HOURS),
        "dureeTravailLibelleConverti": "Temps plein",
        "dateCreation": "2026-03-01T08:00:00Z",
        "dateActualisation": "2026-03-05T08:00:00Z",
        "origineOffre": {"urlOrigine": f"https://candidat.francetravail.fr/offres/{offer_id}"},
        "salaire": {"libelle": extra.get("pay", PAY)},
    }


@pytest.fixture
def settings(data_dir: Path) -> Config:
    from kiosk import config as config_module

    return config_module.load(None).with_values(
        session__idle_seconds=600, session__warning_seconds=10, printer__name="no-such-printer"
    )


@pytest.fixture
def live(kiosk):  # type: ignore[no-untyped-def]
    import_offers(
        kiosk.catalogue,
        [
            offer("P1"),
            offer("P2", pay="Salaire : voir avec l'agence", hours="Horaires à voir ensemble"),
            offer("P3", contract="CDI", contract_label="Contrat à durée indéterminée",
                  experience="D", experience_label="Débutant accepté"),
        ],
    )  # fmt: skip
    return kiosk


def open_offer(qtbot, window, offer_id: str, language: str) -> Any:  # type: ignore[no-untyped-def]
    window.start_session(language)
    state = state_for(window.ctx)
    state.fresh()  # as the offers screen does for a new visit, before a card is touched
    state.offer_id = offer_id
    window.show_screen("offer")
    screen = window.screens["offer"]
    qtbot.waitUntil(lambda: screen.offer is not None, timeout=15000)
    # Laid out, as a finger finds it.
    qtbot.waitUntil(lambda: screen.french_button is not None and screen.french_button.width() > 48)
    return screen


def said_summary(qtbot, speaker, word: str) -> tuple[tuple[str, str], ...]:  # type: ignore[no-untyped-def]
    """The last utterance holding ``word``: the offer's summary, part by part."""

    def found() -> tuple[tuple[str, str], ...] | None:
        for parts in reversed(speaker.utterances):
            if any(word in text for text, _l in parts):
                return parts
        return None

    qtbot.waitUntil(lambda: found() is not None, timeout=3000)
    parts = found()
    assert parts is not None
    return parts


def shown_texts(screen) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.text() for w in screen.body.findChildren(QLabel) if w.isVisibleTo(screen)]


def test_arabic_offer_in_plain_words_and_french_text_by_french_voice(  # type: ignore[no-untyped-def]
    qtbot, window, live, speaker
) -> None:
    screen = open_offer(qtbot, window, "P1", "ar")
    texts = shown_texts(screen)
    pay = plain.pay(PAY)
    assert pay.shown in texts and "من" in pay.shown and "€" in pay.shown
    # The amounts are kept left to right inside the Arabic sentence.
    assert f"{LRI}2,899\u00a0€{PDI}" in pay.shown
    assert "39 ساعة في الأسبوع، بالتناوب (نوبات)" in texts
    assert "عمل له تاريخ نهاية. لمدة 6 أشهر." in texts, "the contract in one sentence"
    assert "خبرة 2 سنة مطلوبة" in texts
    assert PAY not in texts and HOURS not in texts, "the API's codes are not what is shown"
    # The summary is said in Arabic with numbers a voice reads well: no "39H", no "€"; the
    # offer's own French words in it (title, town) by the French voice, in their place.
    parts = said_summary(qtbot, speaker, "يورو")
    text = " ".join(t for t, language in parts if language == "ar")
    assert "2899 يورو" in text and "39 ساعة" in text
    assert "€" not in text and "39H" not in text and DESCRIPTION not in text
    job = str(job_name("D1102", "ar"))
    assert job in text, "the job named in Arabic"
    assert "Boulanger" not in text and "Lyon" not in text, "French words not in the Arabic voice"
    assert {language for _t, language in parts} == {"ar", "fr"}
    texts = [t for t, _l in parts]
    at = texts.index("Boulanger (H/F)")
    assert parts[at][1] == "fr" and job in texts[at - 1], "the Arabic job, then the French title"
    assert ("Lyon 03", "fr") in parts
    assert all(DESCRIPTION not in t for t in texts), "the full text is for 'Listen in French'"
    # The offer's own words: whole, French, for the French voice, aligned with the screen.
    assert screen.full_text.text() == DESCRIPTION
    assert screen.full_text.property("speech_language") == "fr"
    local, title = screen.value_labels["job"]
    assert local.text() == job_name("D1102", "ar") and local.property("speech_language") is None
    assert title.text() == "Boulanger (H/F)" and title.property("speech_language") == "fr"
    assert title.alignment() & Qt.AlignmentFlag.AlignRight
    assert title.alignment() & Qt.AlignmentFlag.AlignAbsolute
    assert screen.french_button.isVisible()
    before = len(speaker.said)
    screen.area.ensureWidgetVisible(screen.french_button)  # a person scrolls down to it
    qtbot.wait(50)
    # QTest's synthetic click inside a kinetic scroll area is taken by QScroller's gesture
    # on the offscreen platform; a real tap is proven by tests/journeys/test_offer.py.
    screen.french_button.click()
    french = [text for text, language in speaker.said[before:] if language == "fr"]
    assert len(french) == 1, speaker.said[before:]
    text = french[0]
    assert DESCRIPTION in text and text.startswith("Boulanger (H/F)")
    assert "2026" in text and "mars" in text, "the update date said in French too"


def test_the_plain_words_follow_a_language_change(qtbot, window, live) -> None:  # type: ignore[no-untyped-def]
    screen = open_offer(qtbot, window, "P1", "ar")
    assert plain.pay(PAY).shown in shown_texts(screen)
    window.ctx.set_language("fr")
    assert plain.pay(PAY).shown in shown_texts(screen)
    assert "2\u202f899\u00a0€" in plain.pay(PAY).shown


def test_words_that_cannot_be_read_are_shown_as_written_in_french(  # type: ignore[no-untyped-def]
    qtbot, window, live, speaker
) -> None:
    screen = open_offer(qtbot, window, "P2", "ar")
    texts = shown_texts(screen)
    assert "Salaire : voir avec l'agence" in texts
    assert "Horaires à voir ensemble" in texts
    pay = screen.value_labels["pay"][0]
    assert pay.property("speech_language") == "fr"
    # Said in Arabic, with the French words as written read by the French voice.
    parts = said_summary(qtbot, speaker, "الأجر")
    assert ("Salaire : voir avec l'agence", "fr") in parts
    assert ("Horaires à voir ensemble", "fr") in parts
    assert not any("voir" in t for t, language in parts if language == "ar")


def test_contract_pictogram_and_beginners(qtbot, window, live) -> None:  # type: ignore[no-untyped-def]
    screen = open_offer(qtbot, window, "P3", "fr")
    texts = shown_texts(screen)
    assert _("Permanent job (CDI)") in texts and _("A job with no end date.") in texts
    assert _("Beginners welcome") in texts
    pictures = [w for w in screen.body.findChildren(QLabel) if w.pixmap() and not w.text()]
    assert any(p.accessibleName() == _("Permanent job (CDI)") for p in pictures)


def test_keep_and_qr_are_confirmed_on_screen(qtbot, window, live, speaker) -> None:  # type: ignore[no-untyped-def]
    screen = open_offer(qtbot, window, "P1", "fr")
    tap(qtbot, screen.keep)
    assert window.notice.isVisible() and window.notice.kind == "success"
    assert window.notice.text() == _("Offer kept. Find it in “Find a job”.")
    assert speaker.said[-1][0] == window.notice.text()
    tap(qtbot, screen.phone)
    assert screen.qr_panel.isVisible()
    assert window.notice.kind == "success"
    assert window.notice.text() == _(QR_SHOWN) == speaker.said[-1][0]


def test_a_failed_print_is_shown_as_an_error(qtbot, window, live) -> None:  # type: ignore[no-untyped-def]
    screen = open_offer(qtbot, window, "P1", "fr")
    tap(qtbot, screen.print_button)
    qtbot.waitUntil(lambda: window.notice.kind == "error", timeout=10000)
    assert window.notice.isVisible() and window.notice.text()
    assert screen.print_button.isEnabled()


def test_cards_say_pay_hours_and_distance_in_arabic(qtbot, ctx, live) -> None:  # type: ignore[no-untyped-def]
    from kiosk.catalogue.search import Searcher

    ctx.set_language("ar")
    searcher = Searcher(live.catalogue)
    card = searcher.cards(["P1"])[0]
    from dataclasses import replace

    button = OfferCardButton(ctx, replace(card, distance_km=12.3))
    qtbot.addWidget(button)
    lines = [label.text() for label in button.lines]
    assert any(f"{LRI}12{PDI}" in line and "Lyon" in line for line in lines), lines
    assert plain.pay(PAY).shown in lines
    assert any("39 ساعة" in line for line in lines)
    assert lines[0] == job_name("D1102", "ar"), "the job in Arabic under the French title"
    assert button.title_label.alignment() & Qt.AlignmentFlag.AlignRight
    description = button.accessibleDescription()
    assert "2899 يورو" in description and "€" not in description and LRI not in description
    ctx.set_language("fr")


def test_the_printed_page_has_the_plain_summary_and_the_french_text(  # type: ignore[no-untyped-def]
    qtbot, ctx, live, tmp_path: Path
) -> None:
    from kiosk.catalogue.search import Searcher
    from ui.search.printing import offer_html, print_offer

    ctx.set_language("ar")
    offer = Searcher(live.catalogue).offer("P1")
    assert offer is not None
    page = offer_html(offer)
    assert "dir='rtl'" in page and plain.pay(PAY).shown in page
    assert "<span lang='fr'>Boulanger (H/F)</span>" in page
    assert "Nous recherchons un boulanger (H/F) motivé.<br>" in page and PAY not in page
    pdf = tmp_path / "offer.pdf"
    done: list[str] = []
    ctx.tasks.run(lambda: print_offer(page, pdf=pdf), done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    assert pdf.read_bytes().startswith(b"%PDF")
    ctx.set_language("fr")


def test_the_employers_phone_stays_left_to_right_in_arabic(qtbot, ctx, live) -> None:  # type: ignore[no-untyped-def]
    from kiosk.catalogue.importer import import_offers as load
    from kiosk.catalogue.search import Searcher
    from ui.search import summary

    contact = {"nom": "Boulangerie Démo", "telephone": "01 99 00 12 34"}
    raw = {**offer("T1"), "contact": contact, "origineOffre": {}}
    load(live.catalogue, [raw])
    ctx.set_language("ar")
    detail = Searcher(live.catalogue).offer("T1")
    assert detail is not None and not detail.url
    said = summary.how_to_apply(detail)
    assert f"{LRI}01 99 00 12 34{PDI}" in said.shown and LRI not in said.spoken
    ctx.set_language("fr")
