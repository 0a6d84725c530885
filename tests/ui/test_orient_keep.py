"""Keep these jobs (issue 12): the orientation answer kept in the saved space, through the
CV's own first-name-and-code screens; found again in a new visit ("My kept jobs", or after
"Find my CV" with no code asked twice); nothing of it left once the visit ends; not offered
when the disk refuses writes, and said why."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import Config
from kiosk.cv.spaces import Spaces
from kiosk.i18n import _
from tests.ui.taps import tap
from tests.ui.test_cv_wizard_helpers import fill
from ui.cv.state import state_for as cv_state
from ui.orient.kept import FOUND, KEPT_OPEN, KIND, NONE_KEPT
from ui.orient.state import state_for as orient_state
from ui.screens.orient_jobs import KEPT_TITLE, NOT_KEPT
from ui.screens.orient_keep import KEPT_NEW

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

CODE = "385172"


@pytest.fixture
def settings(data_dir: Path) -> Config:
    from kiosk import config as config_module

    return config_module.load(None).with_values(
        session__idle_seconds=600, session__warning_seconds=10
    )


def settle(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.ctx.tasks.pending() == 0, timeout=30000)


def orient_tile(qtbot, window, lang: str = "en"):  # type: ignore[no-untyped-def]
    window.start_session(lang)
    tile = window.current.tiles["orient"]
    qtbot.waitUntil(tile.isVisible, timeout=3000)
    tile.click()
    assert window.current.NAME == "orient"
    return window.current


def answer(qtbot, window):  # type: ignore[no-untyped-def]
    """Nature and the outdoors, farm work; nothing ruled out: the jobs shown."""
    start = orient_tile(qtbot, window)
    tap(qtbot, start.begin)
    likes = window.current
    tap(qtbot, likes.cards.cards["9"])
    tap(qtbot, likes.next)
    done = window.current
    tap(qtbot, done.cards.cards["farm"])
    tap(qtbot, done.next)
    tap(qtbot, window.current.skip)
    jobs = window.screens["orient_jobs"]
    qtbot.waitUntil(lambda: jobs.result is not None and bool(jobs.cards), timeout=30000)
    return jobs


def codes(jobs) -> list[str]:  # type: ignore[no-untyped-def]
    return [card.suggestion.code for card in jobs.cards]


def give_code(qtbot, window, screen, first_name: str, twice: bool) -> None:  # type: ignore[no-untyped-def]
    fill(qtbot, screen, "first_name", first_name)
    fill(qtbot, screen, "code", CODE)
    if twice:
        fill(qtbot, screen, "code_again", CODE)
    tap(qtbot, screen.action)
    settle(qtbot, window)


def test_kept_with_a_code_then_found_back_in_a_new_visit(qtbot, window, kiosk, speaker) -> None:  # type: ignore[no-untyped-def]
    jobs = answer(qtbot, window)
    shown = codes(jobs)
    assert jobs.keep_button.isVisible()
    assert jobs.title.text() == _("Jobs for you")

    # No space open: the CV's keep screen, for jobs.
    tap(qtbot, jobs.keep_button)
    keep = window.current
    assert keep.NAME == "orient_keep"
    give_code(qtbot, window, keep, "Awa", twice=True)
    assert window.current is jobs, "back to the answer"
    days = window.ctx.config.get_int("spaces.expiry_days")
    kept_said = _(KEPT_NEW).format(name="Awa", days=days)
    assert window.notice.text() == kept_said and kept_said in speaker.texts
    space_id = cv_state(window.ctx).space_id
    assert space_id is not None
    stored = Spaces(kiosk.store).load(space_id, KIND)
    assert [j["code"] for j in stored["jobs"]] == shown
    assert stored["interests"] == [9] and stored["activities"] == ["farm"]

    # The space is open now: kept into it at once, no code asked again.
    tap(qtbot, jobs.keep_button)
    settle(qtbot, window)
    assert window.current is jobs
    assert window.notice.text() == _(KEPT_OPEN)

    # The visit ends: nothing of it stays in memory or on screen.
    window.end_session()
    orient = orient_state(window.ctx)
    assert orient.kept is None and orient.to_keep is None
    assert orient.choices.interests == [] and orient.choices.activities == []
    assert jobs.cards == [] and jobs.result is None
    assert cv_state(window.ctx).space_id is None

    # The next visit: "My kept jobs", first name and code, and the same list comes back.
    start = orient_tile(qtbot, window)
    tap(qtbot, start.kept)
    find = window.current
    assert find.NAME == "orient_find"
    give_code(qtbot, window, find, "awa", twice=False)
    assert window.current is jobs
    assert window.notice.text() == _(FOUND)
    qtbot.waitUntil(lambda: jobs.result is not None and bool(jobs.cards), timeout=30000)
    assert codes(jobs) == shown
    assert jobs.title.text() == _(KEPT_TITLE)
    assert orient_state(window.ctx).choices.interests == [9]

    # This visit ends too: the jobs that came back go with it.
    window.end_session()
    assert orient.kept is None and orient.choices.interests == []
    assert jobs.cards == [] and cv_state(window.ctx).space_id is None


def test_jobs_waiting_for_a_code_are_forgotten_when_the_visit_ends(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    jobs = answer(qtbot, window)
    tap(qtbot, jobs.keep_button)
    assert window.current.NAME == "orient_keep"
    orient = orient_state(window.ctx)
    assert orient.to_keep is not None and orient.to_keep["activities"] == ["farm"]
    window.end_session()
    assert orient.to_keep is None
    assert window.screens["orient_keep"].code.text() == ""


def test_found_by_find_my_cv_then_my_kept_jobs_asks_no_code(qtbot, window, kiosk) -> None:  # type: ignore[no-untyped-def]
    item = {"version": 1, "interests": [9], "activities": ["farm"], "typed": [], "avoid": []}
    item["jobs"] = [{"code": "A1414", "label": "Horticulteur / Horticultrice"}]
    Spaces(kiosk.store).create("Awa", CODE, {KIND: item})
    window.start_session("en")
    window.show_screen("cv_find")
    give_code(qtbot, window, window.current, "Awa", twice=False)
    assert window.current.NAME == "cv_preview"

    window.show_screen("orient")
    tap(qtbot, window.current.kept)
    settle(qtbot, window)
    jobs = window.screens["orient_jobs"]
    assert window.current is jobs, "the space is open: no code asked again"
    assert window.notice.text() == _(FOUND)
    qtbot.waitUntil(lambda: jobs.result is not None and bool(jobs.cards), timeout=30000)
    assert orient_state(window.ctx).choices.activities == ["farm"]


def test_a_space_without_kept_jobs_says_so(qtbot, window, kiosk) -> None:  # type: ignore[no-untyped-def]
    Spaces(kiosk.store).create("Awa", CODE, {})
    start = orient_tile(qtbot, window)
    tap(qtbot, start.kept)
    give_code(qtbot, window, window.current, "Awa", twice=False)
    assert window.current.NAME == "orient"
    assert window.notice.text() == _(NONE_KEPT)


def test_a_kiosk_that_cannot_keep_offers_no_keep_and_says_why(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch
) -> None:
    monkeypatch.setattr(window.ctx, "can_keep", lambda: False)
    jobs = answer(qtbot, window)
    assert not jobs.keep_button.isVisible()
    assert _(NOT_KEPT) in jobs.notes.text()
    assert _(NOT_KEPT) in jobs.spoken_intro()


@pytest.mark.parametrize("lang", ["fr", "ar", "uk"])
@pytest.mark.parametrize("large", [False, True])
def test_the_answer_with_keep_fits_1280x800(qtbot, window, lang: str, large: bool) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSize

    from ui.fits import check_window

    window.resize(1280, 800)
    jobs = answer(qtbot, window)
    window.ctx.set_language(lang)
    window.ctx.set_large_text(large)
    qtbot.waitUntil(lambda: jobs.result is not None and bool(jobs.cards), timeout=30000)
    qtbot.wait(50)
    assert jobs.keep_button.isVisible()
    # The screen's own parts (the bar is the window's, checked by test_fits).
    found = check_window(window, QSize(1280, 800), "orient_jobs", [window.current])
    assert not found, found


def test_an_unreachable_hub_is_said_and_the_answer_stays(qtbot, window, speaker) -> None:  # type: ignore[no-untyped-def]
    """Spaces at a hub that does not answer: keeping into the open space, and bringing the
    kept jobs back, each say so calmly; nothing is lost from the screen."""
    import socket

    from kiosk.cv.network import UNREACHABLE

    with socket.socket() as free:  # a port nothing listens on: refused at once
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    window.ctx.apply_config(
        window.ctx.config.with_values(
            hub__url=f"http://127.0.0.1:{port}", hub__kiosk_id="k1", hub__token="t"
        )
    )
    jobs = answer(qtbot, window)
    shown = codes(jobs)
    cv_state(window.ctx).adopt("hub-0123456789abcdef")  # as "Find my CV" leaves it
    tap(qtbot, jobs.keep_button)
    settle(qtbot, window)
    assert window.notice.text() == _(UNREACHABLE) and speaker.said[-1][0] == _(UNREACHABLE)
    assert window.current is jobs and codes(jobs) == shown and jobs.keep_button.isEnabled()

    window.show_screen("orient")
    tap(qtbot, window.current.kept)
    settle(qtbot, window)
    assert window.current.NAME == "orient" and window.current.kept.isEnabled()
    assert window.notice.text() == _(UNREACHABLE)
