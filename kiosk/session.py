"""One walk-in person's visit: start, idle timeout, and the wipe at the end.

Everything the person makes is written to `kiosk.db` in a transaction as it is made, scoped to
the session, and deleted when the session ends unless they chose to keep it. A session left
behind by a power cut is wiped at the next start.

A wipe is not done until the write-ahead log is emptied too: `secure_delete` overwrites the
deleted rows in kiosk.db, but kiosk.db-wal still holds the pages as they were (after 1,000
sessions, the last 100 people's names). Every wipe ends with `scrub()`, a TRUNCATE checkpoint.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import logging
import uuid
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from kiosk.storage import scrub

log = logging.getLogger(__name__)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Sessions:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
        self.current: str | None = None
        self._scrub_owed = False

    def start(self, language: str) -> str:
        self.end()
        session_id = uuid.uuid4().hex
        self._db.execute(
            "INSERT INTO sessions (id, started_at, language) VALUES (?, ?, ?)",
            [session_id, _now(), language],
        )
        self.current = session_id
        return session_id

    def save(self, kind: str, payload: Any) -> None:
        """Autosave what the person made: committed before this returns."""
        if self.current is None:
            raise RuntimeError("no session is open")
        self._db.execute(
            "INSERT INTO session_items (session_id, kind, payload, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (session_id, kind) "
            "DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at",
            [self.current, kind, json.dumps(payload, ensure_ascii=False), _now()],
        )

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
            self._db.execute("DELETE FROM sessions WHERE id = ?", [self.current])
            self.current = None
            self._scrub_owed = True
        if self._scrub_owed:
            self.scrub()

    def wipe_abandoned(self) -> int:
        """Delete sessions a crash or power cut left behind; returns how many.

        The WAL is scrubbed even when no row was left: a crash between a wipe and its
        checkpoint leaves the person in kiosk.db-wal only.
        """
        cursor = self._db.execute("DELETE FROM sessions")
        self.scrub()
        return int(cursor.rowcount)

    def scrub(self) -> bool:
        """Empty kiosk.db-wal into the (secure-deleted) main file; True when nothing is left.

        Called by every wipe; the UI may call it again at the wipe. When another connection
        is in the middle of a read, the WAL cannot be truncated: that is logged, and the next
        wipe (or the next call) tries again.
        """
        done = scrub(self._db)
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
