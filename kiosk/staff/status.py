"""What the staff status screen shows, gathered without Qt.

The outbox belongs to `kiosk.sync` (another part of the kiosk); it is imported lazily so staff
mode works, and says "not available", on a kiosk without it.
"""

from __future__ import annotations

import importlib
import json
import logging
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import sqlite_utils

log = logging.getLogger(__name__)


class DiskUsage(NamedTuple):
    total: int
    used: int
    free: int


DiskUsageFn = Callable[[Path], DiskUsage]


def disk_usage(path: Path) -> DiskUsage:
    total, used, free = shutil.disk_usage(path)
    return DiskUsage(total, used, free)


@dataclass(frozen=True)
class LastSync:
    started_at: str
    finished_at: str | None
    ok: bool | None  # None: still running or interrupted
    summary: Mapping[str, Any]


@dataclass(frozen=True)
class OutboxItem:
    key: str
    kind: str
    last_error: str


@dataclass(frozen=True)
class SyncView:
    available: bool  # False: kiosk.sync is not installed on this kiosk
    last: LastSync | None = None
    counts: Mapping[str, int] = field(default_factory=dict)
    needs_staff: Sequence[OutboxItem] = ()
    error: str = ""  # the outbox could not be read


def _outbox() -> ModuleType | None:
    try:
        return importlib.import_module("kiosk.sync.outbox")
    except ImportError:
        return None


def last_sync(db: sqlite_utils.Database) -> LastSync | None:
    row = db.execute(
        "SELECT started_at, finished_at, ok, summary FROM sync_runs ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    try:
        summary = json.loads(row[3] or "{}")
    except ValueError:
        summary = {}
    ok = None if row[2] is None else bool(row[2])
    return LastSync(row[0], row[1], ok, summary if isinstance(summary, dict) else {})


def _field(item: Any, name: str) -> str:
    value = item.get(name) if isinstance(item, Mapping) else getattr(item, name, None)
    return "" if value is None else str(value)


def sync_view(db: sqlite_utils.Database) -> SyncView:
    outbox = _outbox()
    last = last_sync(db)
    if outbox is None:
        return SyncView(False, last)
    try:
        counts = {str(k): int(v) for k, v in dict(outbox.outbox_counts(db)).items()}
        items = [
            OutboxItem(_field(i, "key"), _field(i, "kind"), _field(i, "last_error"))
            for i in outbox.needs_staff(db)
        ]
    except Exception as exc:
        log.exception("outbox could not be read")
        return SyncView(True, last, error=f"{type(exc).__name__}: {exc}")
    return SyncView(True, last, counts, items)


def retry(db: sqlite_utils.Database, key: str) -> bool:
    """Give a "needs staff" outbox item another go; False when there is no outbox."""
    outbox = _outbox()
    if outbox is None:
        return False
    outbox.retry(db, key)
    log.info("staff retried outbox item %s", key)
    return True


def tail(path: Path, lines: int = 200, max_bytes: int = 256_000) -> list[str]:
    """The last `lines` lines of a text file (reading at most `max_bytes` from its end)."""
    try:
        with open(path, "rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - max_bytes))
            data = handle.read()
    except FileNotFoundError:
        return []
    text = data.decode("utf-8", errors="replace")
    found = text.splitlines()
    if size > max_bytes and found:
        found = found[1:]  # the first line was cut in the middle
    return found[-lines:]
