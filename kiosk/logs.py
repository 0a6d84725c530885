"""Logging to rotating files in the data directory. Never log what a person typed."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


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
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
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
