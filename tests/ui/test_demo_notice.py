"""The "demo data" notice: the catalogue's offers are counted off the UI thread, once for the
welcome and home screens together, and the notice shows when the count arrives."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from kiosk.catalogue import seed

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def counts(kiosk, monkeypatch) -> Iterator[list[bool]]:  # type: ignore[no-untyped-def]
    """Every count of the offers from now on: True when on the UI (main) thread."""
    seen: list[bool] = []
    real = seed._count

    def counted(db, table: str) -> int:  # type: ignore[no-untyped-def]
        if table == "offers":
            seen.append(threading.current_thread() is threading.main_thread())
        return real(db, table)

    monkeypatch.setattr(seed, "_count", counted)
    yield seen


def test_the_offers_are_counted_once_off_the_ui_thread(qtbot, counts, window) -> None:  # type: ignore[no-untyped-def]
    welcome = window.current
    qtbot.waitUntil(welcome.demo.isVisible, timeout=10000)  # the tests' catalogue is the demo
    window.start_session("en")
    home = window.current
    assert home.NAME == "home"
    qtbot.waitUntil(home.demo.isVisible, timeout=10000)
    assert counts == [False], "one count, on a worker thread"
