"""Logging to rotating files in the data directory. Never log what a person typed."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _FileHandler(logging.handlers.RotatingFileHandler):
    """A full or read-only disk must not turn every later log line into a traceback on
    stderr (the journal): the first failure is said there once, the following lines are
    dropped until one gets through again."""

    failing = False
    _failed_now = False

    def emit(self, record: logging.LogRecord) -> None:
        self._failed_now = False
        super().emit(record)  # calls handleError instead of raising
        if self.failing and not self._failed_now:
            self.failing = False

    def handleError(self, record: logging.LogRecord) -> None:
        self._failed_now = True
        if self.failing:
            return
        self.failing = True
        said = logging.makeLogRecord(
            {
                "name": __name__,
                "levelno": logging.ERROR,
                "levelname": "ERROR",
                "msg": f"{self.baseFilename} cannot be written; log lines are lost until it can",
            }
        )
        for handler in logging.getLogger().handlers:
            if not isinstance(handler, _FileHandler):
                handler.handle(said)


def setup(log_dir: Path | None, level: str = "INFO") -> Path | None:
    """Log to `log_dir/kiosk.log` (5 x 2 MB) and stderr; returns the file, or None if unwritable."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    console.setFormatter(logging.Formatter(FORMAT))
    console._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(console)
    if log_dir is None:
        return None
    path = log_dir / "kiosk.log"
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = _FileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    except OSError as exc:
        logging.getLogger(__name__).warning("cannot write logs to %s: %s", path, exc)
        return None
    # Logs name towns, errors and times of visits: for the kiosk's user only, whatever the
    # umask of the command that wrote them first (rotation keeps the mode).
    with contextlib.suppress(OSError):  # a file system without modes (FAT) has nothing to do
        log_dir.chmod(0o700)
        for written in log_dir.glob("kiosk.log*"):
            written.chmod(0o600)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
