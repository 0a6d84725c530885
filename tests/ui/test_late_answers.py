"""An answer that arrives after the session's wipe (a kept CV's save to the hub, "Find my CV")
belongs to the person who left: the next person neither sees nor hears it, and never gets the
last person's CV."""

from __future__ import annotations

import threading

import pytest

from kiosk.cv import drafts
from kiosk.cv.model import CV, Identity
from ui.cv.state import CvState, state_for

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def held(release: threading.Event):  # type: ignore[no-untyped-def]
    def save(_self, _cv) -> None:  # type: ignore[no-untyped-def]
        assert release.wait(10)
        raise OSError("the hub did not answer")

    return save


def kept_cv_save(window, monkeypatch, release):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(drafts.SpaceDraft, "save", held(release))
    window.start_session("en")
    state = state_for(window.ctx)
    state.fresh()
    state.adopt("space-of-zorba")
    state.save(CV(identity=Identity(name="Zorba Ancien")))


def test_a_failed_save_is_shown_to_the_person_who_made_it(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()
    kept_cv_save(window, monkeypatch, release)
    release.set()
    qtbot.waitUntil(lambda: window.notice.text() != "", timeout=10000)


def test_a_save_failing_after_the_wipe_is_not_shown_to_the_next_person(  # type: ignore[no-untyped-def]
    qtbot, window, speaker, monkeypatch
) -> None:
    release = threading.Event()
    kept_cv_save(window, monkeypatch, release)
    window.end_session()
    window.start_session("en")
    said_before = list(speaker.said)
    release.set()
    qtbot.waitUntil(lambda: window.ctx.tasks.pending() == 0, timeout=10000)
    qtbot.wait(50)
    assert window.notice.text() == ""
    assert speaker.said == said_before


def test_a_cv_found_after_the_wipe_does_not_open_for_the_next_person(  # type: ignore[no-untyped-def]
    qtbot, window, speaker, monkeypatch
) -> None:
    release = threading.Event()
    theirs = CV(identity=Identity(name="Zorba Ancien"))

    def open_job(self, first_name: str, code: str):  # type: ignore[no-untyped-def]
        def job() -> tuple[str, CV | None]:
            assert release.wait(10)
            return "space-of-zorba", theirs

        return job

    monkeypatch.setattr(CvState, "open_job", open_job)
    window.start_session("en")
    window.show_screen("cv_find")
    screen = window.current
    screen.first_name.set_text("Zorba")
    screen.code.set_text("135790")
    screen.action.click()
    window.end_session()
    window.start_session("en")
    window.show_screen("cv_start")
    said_before = list(speaker.said)
    release.set()
    qtbot.waitUntil(lambda: window.ctx.tasks.pending() == 0, timeout=10000)
    qtbot.wait(50)
    state = state_for(window.ctx)
    assert window.current.NAME == "cv_start"
    assert state.space_id is None and state.cv.identity.name == ""
    assert speaker.said == said_before and window.notice.text() == ""
