"""PySide6 6.12.0 drops a reference to True on every Python-side Signal.emit() and aborts
Python 3.11 (`Fatal Python error: bool_dealloc`). This fails on such a release before the
interpreter does, so an upgrade cannot slip through."""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    flag = Signal(bool)
    value = Signal(object)


def test_emitting_signals_keeps_true_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    emitter = Emitter()
    received: list[object] = []
    emitter.flag.connect(received.append)
    emitter.value.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(300):
        emitter.flag.emit(True)
        emitter.value.emit(True)
    received.clear()
    assert sys.getrefcount(True) >= before, f"PySide6 {PySide6.__version__} leaks True"


def test_pinned_below_6_12() -> None:
    major, minor = (int(p) for p in PySide6.__version__.split(".")[:2])
    assert (major, minor) < (6, 12), "PySide6 6.12 aborts Python 3.11: keep the 6.11.x pin"
