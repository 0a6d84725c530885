"""Opening a SQLite database the one way the kiosk does it.

WAL (readers never wait for a writer), numbered migrations on `PRAGMA user_version` each in
its own transaction, and an integrity check before anything trusts the file. A file that
fails the check is moved aside, never deleted, and a fresh one takes its place.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

log = logging.getLogger(__name__)

Migration = Callable[[sqlite_utils.Database], None]


class StorageError(Exception):
    """A database cannot be used as it is (for staff and technicians: the message is precise)."""


@dataclass(frozen=True)
class Schema:
    """What a database file holds: a name for messages and its migrations, in order.

    Migration N (1-based) brings `user_version` from N-1 to N. Never edit a released
    migration: add the next one.
    """

    name: str
    migrations: Sequence[Migration]
    secure_delete: bool = False

    @property
    def version(self) -> int:
        return len(self.migrations)


@dataclass(frozen=True)
class Opened:
    db: sqlite_utils.Database
    moved_aside: Path | None = None  # where a corrupt file went, if it did


def connect(path: Path, *, secure_delete: bool = False) -> sqlite_utils.Database:
    """A connection with the kiosk's pragmas; one per thread (SQLite connections are not shared)."""
    conn = sqlite3.connect(str(path), timeout=10.0, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    if secure_delete:
        # What a walk-in user wipes is overwritten on disk, not just unlinked from the b-tree.
        conn.execute("PRAGMA secure_delete=ON")
    return sqlite_utils.Database(conn)


def user_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite_utils.Database, schema: Schema) -> int:
    """Apply the missing migrations; returns how many ran."""
    current = user_version(db)
    if current > schema.version:
        raise StorageError(
            f"{schema.name} is at version {current} but this kiosk knows only up to "
            f"{schema.version}: it was written by a newer kiosk; update the kiosk"
        )
    ran = 0
    for number in range(current + 1, schema.version + 1):
        conn = db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            schema.migrations[number - 1](db)
            conn.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        log.info("%s migrated to version %d", schema.name, number)
        ran += 1
    return ran


def integrity_problem(db: sqlite_utils.Database, quick: bool = False) -> str | None:
    """None when the file is sound, else what SQLite says is wrong."""
    pragma = "quick_check" if quick else "integrity_check"
    rows = [r[0] for r in db.execute(f"PRAGMA {pragma}").fetchall()]
    return None if rows == ["ok"] else "; ".join(str(r) for r in rows[:5])


def move_aside(path: Path) -> Path:
    """Rename a damaged database (and its WAL and shared-memory files) out of the way."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(path) + suffix)
        if part.exists():
            part.rename(Path(str(target) + suffix))
    return target


def open_database(path: Path, schema: Schema, *, quick_check: bool = False) -> Opened:
    """Open (creating if needed), check and migrate a database file.

    A file SQLite cannot read, or that fails its integrity check, is moved aside and replaced
    by a fresh one; the caller reports `moved_aside` to staff.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    moved: Path | None = None
    try:
        db = connect(path, secure_delete=schema.secure_delete)
        problem = integrity_problem(db, quick=quick_check)
    except sqlite3.DatabaseError as exc:
        db, problem = None, str(exc)
    if problem is not None:
        if db is not None:
            db.conn.close()
        moved = move_aside(path)
        log.error(
            "%s failed its integrity check (%s); moved aside to %s", schema.name, problem, moved
        )
        db = connect(path, secure_delete=schema.secure_delete)
    assert db is not None
    migrate(db, schema)
    return Opened(db, moved)
