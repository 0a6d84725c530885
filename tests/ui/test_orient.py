"""What job could I do?, in the real window: the home tile, three skippable questions with
picture cards, the answer with a reason for each job, its offers near the person, the CV,
the printed sheet, close jobs, the engine's notes shown and said, and nothing left after
the session."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from kiosk.config import Config
from kiosk.i18n import _
from kiosk.orientation import AVOID
from ui.orient.state import state_for

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def settings(data_dir: Path) -> Config:
    from kiosk import config as config_module

    return config_module.load(None).with_values(
        session__idle_seconds=600, session__warning_seconds=10, printer__name="no-such-printer"
    )


def tap(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(button.isVisible, timeout=3000)  # a reflowing grid shows it once laid out
    assert button.isEnabled(), button.accessibleName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())


def said(speaker) -> list[str]:  # type: ignore[no-untyped-def]
    return [text for text, _language in speaker.said]


def answer(qtbot, window):  # type: ignore[no-untyped-def]
    jobs = window.screens["orient_jobs"]
    assert window.current is jobs
    qtbot.waitUntil(lambda: jobs.result is not None, timeout=10000)
    return jobs


def start(qtbot, window, lang: str = "fr"):  # type: ignore[no-untyped-def]
    window.start_session(lang)
    tile = window.current.tiles["orient"]
    qtbot.waitUntil(tile.isVisible, timeout=3000)
    tile.click()  # the home screen's scroller holds a synthetic press: not this test's subject
    assert window.current.NAME == "orient"
    tap(qtbot, window.current.begin)
    assert window.current.NAME == "orient_likes"
    return window.current


def test_interest_and_activity_give_jobs_with_reasons_and_offers(qtbot, window, speaker) -> None:  # type: ignore[no-untyped-def]
    likes = start(qtbot, window)
    tap(qtbot, likes.cards.cards["9"])  # Nature and the outdoors
    assert likes.cards.cards["9"].isChecked()
    tap(qtbot, likes.next)
    done = window.current
    assert done.NAME == "orient_done"
    tap(qtbot, done.cards.cards["farm"])
    tap(qtbot, done.next)
    assert window.current.NAME == "orient_limits"
    tap(qtbot, window.current.skip)
    jobs = answer(qtbot, window)
    assert 5 <= len(jobs.cards) <= 10
    first = jobs.cards[0]
    why = first.suggestion.why()
    assert _("You like nature and the outdoors.") in why or _(
        "You worked on a farm or picked fruit."
    ) in why
    assert first.why.text() == why
    assert any(why in t for t in said(speaker)), "the screen and the voice say the same why"
    tap(qtbot, first.see)
    offers = window.screens["offers"]
    assert window.current is offers
    q = offers.state.question
    assert q.mode == "codes" and q.codes == (first.suggestion.code,) and q.filters.km
    qtbot.waitUntil(lambda: offers.result is not None, timeout=10000)
    assert offers.result.total == first.suggestion.offers
    tap(qtbot, offers.back)
    assert window.current is jobs
