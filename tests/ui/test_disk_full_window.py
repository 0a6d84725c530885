"""Issue 15, finding 11, in the assembled kiosk: the data directory sits on a real small disk
that fills up during service. Touching a language still starts a visit, the person sees and
hears that nothing will be kept or sent, staff see why, and the screens stop offering what
would live only in memory."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk import config as config_module
from kiosk.config import Config
from kiosk.i18n import _
from tests.fakes.disk import SmallDisk, small_disk
from tests.fakes.hub import FakeHub
from tests.fakes.smtp import FakeSmtp
from ui.cv.state import state_for
from ui.main_window import NOT_SAVED
from ui.screens.help import GO_TO_DESK


@pytest.fixture
def disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SmallDisk]:
    with small_disk(tmp_path / "small", size_mb=96) as mounted:
        monkeypatch.setenv("KIOSK_DATA_DIR", str(mounted.path))
        yield mounted


@pytest.fixture
def settings(disk: SmallDisk, hub: FakeHub, smtp: FakeSmtp) -> Config:
    return config_module.load(None).with_values(
        session__idle_seconds=30,
        session__warning_seconds=10,
        **hub.config_values(),
        **smtp.config_values(),
    )


def test_a_full_disk_still_serves_the_person_and_promises_nothing(  # type: ignore[no-untyped-def]
    qtbot, window, kiosk, disk, speaker
) -> None:
    window.start_session("fr")
    assert window.ctx.can_send("email")
    window.end_session()
    disk.fill()

    window.start_session("fr")

    assert window.current.NAME == "home"
    qtbot.waitUntil(lambda: window.notice.isVisible())
    assert window.notice.text() == _(NOT_SAVED)
    assert _(NOT_SAVED) in speaker.texts
    assert "kiosk.db refused a write" in kiosk.status_line()
    assert "full" in kiosk.status_line()

    # What the person makes is still there while they stay...
    state = state_for(window.ctx)
    cv = replace(state.cv, identity=replace(state.cv.identity, name="Awa Traoré"))
    state.save(cv)
    assert window.ctx.kiosk.sessions.load("cv") is not None
    window.show_screen("cv_preview")
    # ...but nothing is offered that would live only in memory.
    assert not window.current.keep.isVisible()
    assert not window.current.email.isVisible()

    window.show_screen("help")
    qtbot.waitUntil(lambda: window.notice.text() == _(GO_TO_DESK))
    assert window.help_band.isVisible()  # the marker across the room still shows


def test_once_the_disk_has_room_the_next_person_is_offered_everything(  # type: ignore[no-untyped-def]
    qtbot, window, kiosk, disk
) -> None:
    disk.fill()
    window.start_session("fr")
    assert not window.ctx.can_keep()
    window.end_session()
    disk.free()

    window.start_session("fr")

    assert window.ctx.can_keep()
    assert window.ctx.can_send("email")
    assert not window.notice.isVisible()
    assert "kiosk.db refused" not in kiosk.status_line()
