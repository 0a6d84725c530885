"""The wipe forgets the person's search and orientation answers held in memory, whether or not
the screens that own them were built: the orientation fills the search's question (its jobs,
its town) without ever building the search's first screen."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.config import Config
from tests.ui.taps import tap
from ui.orient.state import state_for as orient_state
from ui.search.state import Question
from ui.search.state import state_for as search_state

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def settings(data_dir: Path) -> Config:
    from kiosk import config as config_module

    return config_module.load(None).with_values(
        session__idle_seconds=600, session__warning_seconds=10
    )


def test_offers_seen_from_the_orientation_are_forgotten(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.start_session("fr")
    tile = window.current.tiles["orient"]
    qtbot.waitUntil(tile.isVisible, timeout=3000)
    tile.click()
    tap(qtbot, window.current.begin)
    likes = window.current
    tap(qtbot, likes.cards.cards["9"])
    tap(qtbot, likes.next)
    tap(qtbot, window.current.skip)
    tap(qtbot, window.current.skip)
    jobs = window.screens["orient_jobs"]
    qtbot.waitUntil(lambda: jobs.result is not None and bool(jobs.cards), timeout=30000)
    tap(qtbot, jobs.cards[0].see)
    search = search_state(window.ctx)
    assert search.question.codes, "the offers of the job are asked"
    assert "find_job" not in {s.NAME for s in window.screens.built()}
    window.end_session()
    assert search.question == Question() and search.offer_id is None
    assert orient_state(window.ctx).choices.interests == []


def test_states_are_forgotten_even_if_no_screen_of_theirs_was_built(window) -> None:  # type: ignore[no-untyped-def]
    window.start_session("en")
    search, orient = search_state(window.ctx), orient_state(window.ctx)
    search.fresh()
    orient.fresh()
    search.question = Question(query="plombier", filters=replace(Question().filters, near="75056"))
    search.offer_id = "123ABC"
    orient.choices.typed.append("j'ai gardé des enfants")
    window.end_session()
    assert search.question == Question() and search.offer_id is None
    assert orient.choices.typed == [] and orient.close_from is None
