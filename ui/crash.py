"""Uncaught errors: logged with their traceback, a calm sentence on screen and aloud.

Python's own hook would print a traceback to a terminal nobody reads while the person sees
nothing. Errors raised on other threads reach the UI thread through a queued signal; a hard
crash (a segfault in a library) leaves its stack in `logs/faults.log` for the technician.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import IO

from PySide6.QtCore import QObject, Signal

from kiosk.errors import Explained, explain
from ui.context import UiContext

log = logging.getLogger(__name__)


class _Relay(QObject):
    explained = Signal(object)


_state: dict[str, object] = {}


def install(ctx: UiContext, log_dir: Path) -> None:
    relay = _Relay(ctx)
    relay.explained.connect(ctx.show_error)
    _state["relay"] = relay

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        _report(exc.with_traceback(tb), "uncaught")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            _report(args.exc_value, f"thread {args.thread.name if args.thread else '?'}")

    sys.excepthook = hook
    threading.excepthook = thread_hook
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handle: IO[str] = open(log_dir / "faults.log", "a", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        log.warning("faults.log cannot be opened (%s): hard crashes go to stderr", exc)
        faulthandler.enable()
    else:
        faulthandler.enable(handle)
        _state["faults"] = handle


def uninstall() -> None:
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
    handle = _state.pop("faults", None)
    if handle is not None:
        faulthandler.disable()
        handle.close()  # type: ignore[attr-defined]
    _state.pop("relay", None)


def _report(exc: BaseException, context: str) -> None:
    explained: Explained = explain(exc, context)  # logs the traceback
    relay = _state.get("relay")
    if isinstance(relay, _Relay):
        with contextlib.suppress(RuntimeError):  # the window is gone: the log has it
            relay.explained.emit(explained)
