"""The one helper for work off the UI thread.

`run(fn, on_success, on_failure)` runs `fn` on Qt's thread pool and calls back on the UI
thread. Worker code never touches widgets; errors reach the user through `errors.explain`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from kiosk.errors import Explained, explain


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay, context: str) -> None:
        super().__init__()
        self.fn, self.relay, self.context = fn, relay, context

    def run(self) -> None:
        fn, relay = self.fn, self.relay
        # The pool may keep this wrapper after the run: it must not keep what the job held
        # (a person's CV) with it.
        del self.fn, self.relay
        try:
            result = fn()
        except Exception as exc:  # every failure goes to the one error path
            relay.failed.emit(explain(exc, self.context))
        else:
            relay.succeeded.emit(result)


class Tasks(QObject):
    """Owns the relays of jobs in flight so their signals survive until delivered."""

    def __init__(self, on_error: Callable[[Explained], None], parent: QObject | None = None):
        super().__init__(parent)
        self._on_error = on_error
        self._pool = QThreadPool.globalInstance()
        self._relays: set[_Relay] = set()

    def run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[Explained], None] | None = None,
        context: str = "",
    ) -> None:
        relay = _Relay(self)  # lives on the UI thread, so its slots run there
        self._relays.add(relay)

        def done() -> None:
            # Delivered: the relay goes, and with it the callbacks and what they hold (a
            # person's CV, a screen). Left as a child of Tasks, one stayed per job for ever.
            self._relays.discard(relay)
            relay.deleteLater()

        @Slot(object)
        def succeeded(result: Any) -> None:
            done()
            if on_success is not None:
                on_success(result)

        @Slot(object)
        def failed(explained: Explained) -> None:
            done()
            (on_failure or self._on_error)(explained)

        relay.succeeded.connect(succeeded)
        relay.failed.connect(failed)
        self._pool.start(_Job(fn, relay, context))

    def pending(self) -> int:
        """Jobs started whose result has not yet come back to the UI thread."""
        return len(self._relays)

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)
