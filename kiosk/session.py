"""One walk-in person's visit: start, idle timeout, and the wipe at the end.

Everything the person makes is written to `kiosk.db` in a transaction as it is made, scoped to
the session, and deleted when the session ends unless they chose to keep it. A session left
behind by a power cut is wiped at the next start.

A wipe is not done until the write-ahead log is emptied too: `secure_delete` overwrites the
deleted rows in kiosk.db, but kiosk.db-wal still holds the pages as they were (after 1,000
sessions, the last 100 people's names). Every wipe ends with `scrub()`, a TRUNCATE checkpoint.

When the disk fills up or turns read-only during service, the person is still served: the
session moves to a private in-memory database (what they made so far comes along), `durable`
turns False so the screens stop promising what would live only in memory ("kept", "will be
sent"), and `fault` tells staff why. Every new session tries the disk again.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import logging
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from kiosk.storage import is_storage_fault, migrate, scrub
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA

log = logging.getLogger(__name__)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Sessions:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._disk = db
        self._db = db  # where the current session lives: the disk, or memory after a fault
        self._memory: sqlite_utils.Database | None = None
        self.current: str | None = None
        self._scrub_owed = False
        self.fault = ""  # for staff: why the current session is not on disk
        # Told when a session moves to memory, so the screen can say so at once.
        self.fault_listeners: list[Callable[[], None]] = []

    @property
    def durable(self) -> bool:
        """False while the current session lives only in memory (the disk refused it)."""
        return self._db is self._disk

    def start(self, language: str) -> str:
        self.end()
        session_id = uuid.uuid4().hex
        row = [session_id, _now(), language]
        self._db = self._disk
        try:
            self._db.execute(
                "INSERT INTO sessions (id, started_at, language) VALUES (?, ?, ?)", row
            )
            self.fault = ""
        except Exception as exc:
            if not is_storage_fault(exc):
                raise
            self._to_memory(exc, row, items=[])
        self.current = session_id
        return session_id

    def save(self, kind: str, payload: Any) -> None:
        """Autosave what the person made: committed before this returns (in memory, and said
        so by `durable`, when the disk refuses it)."""
        if self.current is None:
            raise RuntimeError("no session is open")
        values = [self.current, kind, json.dumps(payload, ensure_ascii=False), _now()]
        try:
            self._upsert(self._db, values)
        except Exception as exc:
            if not is_storage_fault(exc) or not self.durable:
                raise
            self._move_to_memory(exc)
            self._upsert(self._db, values)

    @staticmethod
    def _upsert(db: sqlite_utils.Database, values: list[Any]) -> None:
        db.execute(
            "INSERT INTO session_items (session_id, kind, payload, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (session_id, kind) "
            "DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at",
            values,
        )

    def _move_to_memory(self, exc: BaseException) -> None:
        """The disk failed in the middle of a session: carry what it holds into memory."""
        assert self.current is not None
        try:
            row = self._disk.execute(
                "SELECT id, started_at, language FROM sessions WHERE id = ?", [self.current]
            ).fetchone()
            items = self._disk.execute(
                "SELECT session_id, kind, payload, updated_at FROM session_items "
                "WHERE session_id = ?",
                [self.current],
            ).fetchall()
        except Exception:  # unreadable too: what was typed since the last screen is kept
            log.exception("the session could not be read back from kiosk.db")
            row, items = None, []
        self._to_memory(exc, list(row) if row else [self.current, _now(), "fr"], items)
        # The rows left on disk are the person's: they go at the wipe (or at the next start).
        self._scrub_owed = True

    def _to_memory(self, exc: BaseException, row: list[Any], items: list[Any]) -> None:
        if self._memory is None:
            memory = sqlite_utils.Database(sqlite3.connect(":memory:", isolation_level=None))
            migrate(memory, KIOSK_SCHEMA)
            self._memory = memory
        self._db = self._memory
        self._db.execute("INSERT INTO sessions (id, started_at, language) VALUES (?, ?, ?)", row)
        for item in items:
            self._upsert(self._db, list(item))
        self.fault = f"kiosk.db refused a write ({exc}); this session is kept in memory only"
        log.error("%s", self.fault)
        for listener in list(self.fault_listeners):
            listener()

    def load(self, kind: str) -> Any:
        if self.current is None:
            return None
        row = self._db.execute(
            "SELECT payload FROM session_items WHERE session_id = ? AND kind = ?",
            [self.current, kind],
        ).fetchone()
        return None if row is None else json.loads(row[0])

    def end(self) -> None:
        """Wipe the current session and all it holds (kept data lives elsewhere), WAL included."""
        if self.current is not None:
            if not self.durable:
                self._db.execute("DELETE FROM sessions WHERE id = ?", [self.current])
            self._wipe_on_disk(self.current)
            self.current = None
            self._db = self._disk
        if self._scrub_owed:
            self._try_scrub()

    def _wipe_on_disk(self, session_id: str) -> None:
        try:
            self._disk.execute("DELETE FROM sessions WHERE id = ?", [session_id])
            self._scrub_owed = True
        except Exception as exc:
            if not is_storage_fault(exc):
                raise
            # A full disk still deletes; a read-only one cannot: the next start wipes it.
            log.error("a session could not be wiped from kiosk.db now: %s", exc)

    def _try_scrub(self) -> None:
        try:
            self.scrub()
        except Exception as exc:
            if not is_storage_fault(exc):
                raise
            log.error("kiosk.db-wal could not be emptied: %s", exc)

    def wipe_abandoned(self) -> int:
        """Delete sessions a crash or power cut left behind; returns how many.

        The WAL is scrubbed even when no row was left: a crash between a wipe and its
        checkpoint leaves the person in kiosk.db-wal only.
        """
        cursor = self._disk.execute("DELETE FROM sessions")
        self.scrub()
        return int(cursor.rowcount)

    def scrub(self) -> bool:
        """Empty kiosk.db-wal into the (secure-deleted) main file; True when nothing is left.

        Called by every wipe; the UI may call it again at the wipe. When another connection
        is in the middle of a read, the WAL cannot be truncated: that is logged, and the next
        wipe (or the next call) tries again.
        """
        done = scrub(self._disk)
        if not done:
            log.warning(
                "kiosk.db-wal could not be emptied after a wipe (another connection was "
                "reading); trying again at the next wipe"
            )
        self._scrub_owed = not done
        return done


class IdleState(enum.Enum):
    ACTIVE = "active"
    WARNING = "warning"
    EXPIRED = "expired"


@dataclass
class IdleClock:
    """When to ask "are you still there?" and when to end the session, from touch times.

    Pure arithmetic on a monotonic clock the caller passes in, so it is tested without waiting.
    """

    idle_seconds: float
    warning_seconds: float
    last_touch: float = 0.0

    def touch(self, now: float) -> None:
        self.last_touch = now

    def state(self, now: float) -> IdleState:
        quiet = now - self.last_touch
        if quiet < self.idle_seconds:
            return IdleState.ACTIVE
        if quiet < self.idle_seconds + self.warning_seconds:
            return IdleState.WARNING
        return IdleState.EXPIRED

    def seconds_left(self, now: float) -> int:
        """Whole seconds of the countdown still to run (0 when expired)."""
        left = self.idle_seconds + self.warning_seconds - (now - self.last_touch)
        return max(0, int(left + 0.999))
