"""An offer card held on an Arabic screen is read by two voices: the Arabic words by the
Arabic voice, the offer's French title and town by the French voice (issue 10.4), as one
utterance; in listen-first mode the first touch says the same."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from kiosk.catalogue.importer import import_offers
from kiosk.catalogue.names import job_name
from kiosk.catalogue.resolve import resolver_for
from kiosk.catalogue.search import Searcher
from kiosk.config import Config
from kiosk.i18n import LRI
from ui.search import summary
from ui.widgets.spoken import in_sentences

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

TITLE = "Chauffeur PL H/F"


def offer(offer_id: str) -> dict[str, Any]:
    return {
        "id": offer_id,
        "intitule": TITLE,
        "description": "Conduite de poids lourds en région lyonnaise.",
        "romeCode": "N4101",
        "lieuTravail": {
            "libelle": "69 - LYON 03",
            "commune": "69123",
            "latitude": 45.76,
            "longitude": 4.85,
        },
        "typeContrat": "CDI",
        "experienceExige": "D",
        "dureeTravailLibelleConverti": "Temps plein",
        "dateCreation": "2026-03-01T08:00:00Z",
        "dateActualisation": "2026-03-05T08:00:00Z",
        "origineOffre": {"urlOrigine": f"https://candidat.francetravail.fr/offres/{offer_id}"},
        "salaire": {"libelle": "Mensuel de 2100 Euros"},
    }


@pytest.fixture
def settings(data_dir: Path) -> Config:
    from kiosk import config as config_module

    return config_module.load(None).with_values(
        session__idle_seconds=600, session__warning_seconds=10
    )


@pytest.fixture
def live(kiosk):  # type: ignore[no-untyped-def]
    import_offers(kiosk.catalogue, [offer("N1")])
    resolver_for(kiosk.catalogue)  # built once per process: not out of the search's wait
    return kiosk


def cards_in(qtbot, window, language: str) -> Any:  # type: ignore[no-untyped-def]
    """The offers screen after typing a job, as a person does."""
    window.start_session(language)
    window.show_screen("find_job")
    find = window.current
    for char in "سائق" if language == "ar" else "chauffeur":
        find.keyboard.press(char)
    find.keyboard.press("enter")
    offers = window.current
    qtbot.waitUntil(lambda: offers.result is not None, timeout=15000)
    assert [b.card.id for b in offers.card_buttons] == ["N1"]
    card = offers.card_buttons[0]
    qtbot.waitUntil(lambda: card.isVisible() and card.height() > 48)
    return card


def hold(qtbot, button, speaker) -> tuple[tuple[str, str], ...]:  # type: ignore[no-untyped-def]
    before = len(speaker.utterances)
    qtbot.mousePress(button, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.waitUntil(lambda: len(speaker.utterances) > before, timeout=3000)
    qtbot.mouseRelease(button, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    parts: tuple[tuple[str, str], ...] = speaker.utterances[-1]
    return parts


def test_holding_a_card_on_an_arabic_screen_reads_french_words_in_french(  # type: ignore[no-untyped-def]
    qtbot, window, live, speaker
) -> None:
    card = cards_in(qtbot, window, "ar")
    parts = hold(qtbot, card, speaker)
    assert window.current.NAME == "offers", "a hold speaks, it never acts"
    # The job in Arabic, then the offer's own title by the French voice, then the rest.
    (first, first_language), (second, second_language) = parts[:2]
    assert first_language == "ar" and str(job_name("N4101", "ar")) in first
    # Title and town follow each other: one French part, two sentences.
    assert (second, second_language) == (f"{TITLE}. Lyon 03", "fr")
    arabic = " ".join(text for text, language in parts if language == "ar")
    assert "2100 يورو" in arabic, "the pay in plain Arabic words"
    assert "Chauffeur" not in arabic and "Lyon" not in arabic
    # The recorder lists each part with its voice, in order, as the speaker got them.
    assert speaker.said[-len(parts) :] == list(parts)


def test_listen_first_says_the_card_by_the_same_voices(qtbot, window, live, speaker) -> None:  # type: ignore[no-untyped-def]
    card = cards_in(qtbot, window, "ar")
    window.ctx.set_listen_first(True)
    before = len(speaker.utterances)
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert window.current.NAME == "offers", "the first touch only speaks"
    said = speaker.utterances[before:]
    assert said and said[-1][0][1] == "ar" and said[-1][1] == (f"{TITLE}. Lyon 03", "fr")


def test_on_a_french_screen_the_card_is_one_french_utterance(qtbot, window, live, speaker) -> None:  # type: ignore[no-untyped-def]
    card = cards_in(qtbot, window, "fr")
    parts = hold(qtbot, card, speaker)
    assert len(parts) == 1 and parts[0][1] == "fr"
    text = parts[0][0]
    assert text.startswith(f"{TITLE}. Lyon 03") and "2100 euros" in text.lower()


def test_a_distance_keeps_the_town_french_inside_the_arabic_line(qtbot, ctx, live) -> None:  # type: ignore[no-untyped-def]
    ctx.set_language("ar")
    try:
        card = replace(Searcher(live.catalogue).cards(["N1"])[0], distance_km=12.3)
        where = summary.place(card)
        assert f"{LRI}12" in where.shown and "Lyon 03" in where.shown
        parts = summary.said_parts(where)
        assert [language for _t, language in parts] == [None, "fr", None][-len(parts) :]
        assert ("Lyon 03", "fr") in parts and any("12" in t for t, lang in parts if lang is None)
        said = in_sentences([parts, [("عمل دائم", None)]], "ar")
        assert said[-1][1] == "ar" and said[-1][0].endswith("كم. عمل دائم")
    finally:
        ctx.set_language("fr")
