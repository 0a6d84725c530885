"""The orientation's answer card on a non-French screen: the ROME's French description is
marked French (the French voice reads it, laid out left to right) and Listen reads each part
by its own voice; a job with no name in the person's language has its French title read by
the French voice. Question 2 shows what it says when a typed activity is added or removed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.config import Config
from tests.ui.taps import tap
from ui.orient import answer as answer_module

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def settings(data_dir: Path) -> Config:
    from kiosk import config as config_module

    return config_module.load(None).with_values(
        session__idle_seconds=600, session__warning_seconds=10
    )


def start(qtbot, window, lang: str):  # type: ignore[no-untyped-def]
    window.start_session(lang)
    tile = window.current.tiles["orient"]
    qtbot.waitUntil(tile.isVisible, timeout=3000)
    tile.click()
    tap(qtbot, window.current.begin)
    return window.current


def cards(qtbot, window, lang: str):  # type: ignore[no-untyped-def]
    start(qtbot, window, lang)
    for _step in range(3):
        tap(qtbot, window.current.skip)
    jobs = window.screens["orient_jobs"]
    qtbot.waitUntil(lambda: jobs.result is not None and bool(jobs.cards), timeout=30000)
    return jobs.cards


def test_the_description_is_french_on_screen_and_when_listened_to(qtbot, window, speaker) -> None:  # type: ignore[no-untyped-def]
    card = next(c for c in cards(qtbot, window, "ar") if c.suggestion.description)
    s = card.suggestion
    assert card.what.property("speech_language") == "fr"
    assert card.what.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert card.name.property("speech_language") != "fr", "an Arabic name is read in Arabic"
    before = len(speaker.utterances)
    tap(qtbot, card.listen)
    said = speaker.utterances[before:]
    assert said, "Listen says the card"
    voices = dict((text, language) for text, language in said[-1])
    assert any(s.description in text and lang == "fr" for text, lang in voices.items())
    assert any(s.why() in text and lang == "ar" for text, lang in voices.items())


def test_a_job_without_a_local_name_has_its_french_title_read_in_french(  # type: ignore[no-untyped-def]
    qtbot, window, speaker, monkeypatch
) -> None:
    monkeypatch.setattr(answer_module, "job_name", lambda _code, _language: None)
    card = cards(qtbot, window, "ar")[0]
    label = card.suggestion.label
    assert card.name.text() == label and card.name.property("speech_language") == "fr"
    before = len(speaker.utterances)
    tap(qtbot, card.listen)
    first_text, first_voice = speaker.utterances[before][0]
    assert label in first_text and first_voice == "fr"


def test_added_and_removed_are_shown_as_well_as_said(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    likes = start(qtbot, window, "en")
    tap(qtbot, likes.next)
    done = window.current
    assert done.NAME == "orient_done"
    done.field.set_text("sold fruit at the market")
    tap(qtbot, done.add)
    assert "sold fruit at the market" in window.notice.text()
    window.notice.clear()
    chip = next(iter(done.typed.chips.values()))
    tap(qtbot, chip)
    assert "Removed" in window.notice.text() and "sold fruit" in window.notice.text()
