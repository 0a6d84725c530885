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
        try:
            result = self.fn()
        except Exception as exc:  # every failure goes to the one error path
            self.relay.failed.emit(explain(exc, self.context))
        else:
            self.relay.succeeded.emit(result)


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

        @Slot(object)
        def succeeded(result: Any) -> None:
            self._relays.discard(relay)
            if on_success is not None:
                on_success(result)

        @Slot(object)
        def failed(explained: Explained) -> None:
            self._relays.discard(relay)
            (on_failure or self._on_error)(explained)

        relay.succeeded.connect(succeeded)
        relay.failed.connect(failed)
        self._pool.start(_Job(fn, relay, context))

    def pending(self) -> int:
        """Jobs started whose result has not yet come back to the UI thread."""
        return len(self._relays)

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)
