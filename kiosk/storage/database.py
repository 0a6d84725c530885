"""Opening a SQLite database the one way the kiosk does it.

WAL (readers never wait for a writer), numbered migrations on `PRAGMA user_version` each in
its own transaction, and an integrity check before anything trusts the file. A file that
fails the check, or is not a database at all, is moved aside, never deleted, and a fresh one
takes its place. A file that merely cannot be opened now (locked by another process,
read-only, disk full) is left exactly as it is: `StorageError`, and the caller works from
memory for this run.

People's data (`secure_delete` schemas: kiosk.db) is also durable: `synchronous=FULL`, so a
commit is on disk when it returns (with WAL and NORMAL, a power cut could lose the last
commits, while the CV promises that only the field being typed is lost). The catalogue is
rebuildable and stays NORMAL.
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


def connect(
    path: Path,
    *,
    secure_delete: bool = False,
    durable: bool | None = None,
    timeout: float = 10.0,
) -> sqlite_utils.Database:
    """A connection with the kiosk's pragmas; one per thread (SQLite connections are not shared).

    `durable` (by default: the same as `secure_delete`, i.e. kiosk.db) syncs every commit to
    disk. Every connection to kiosk.db (the UI's, the sync thread's, the CLI's) passes
    `secure_delete=True`, so none of them can forget it.
    """
    conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        full = secure_delete if durable is None else durable
        conn.execute(f"PRAGMA synchronous={'FULL' if full else 'NORMAL'}")
        conn.execute("PRAGMA foreign_keys=ON")
        if secure_delete:
            # What a walk-in user wipes is overwritten on disk, not just unlinked from the b-tree.
            conn.execute("PRAGMA secure_delete=ON")
    except BaseException:
        conn.close()
        raise
    return sqlite_utils.Database(conn)


def is_storage_fault(exc: BaseException) -> bool:
    """A full, read-only or failing disk (as opposed to a bug such as a constraint error)."""
    if isinstance(exc, OSError):
        return True
    if isinstance(exc, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError):
        return False
    return isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError)


def scrub(db: sqlite_utils.Database, wait_ms: int = 100, attempts: int = 2) -> bool:
    """Copy the write-ahead log into the main file and truncate it to 0 bytes; True when done.

    `secure_delete` overwrites deleted rows in the main file only: until a checkpoint, the
    WAL still holds every page as it was before the wipe (names, phones...). A TRUNCATE
    checkpoint needs no other connection to be inside a read or write transaction; idle
    connections (the UI's, the sync thread's) do not count. It waits at most `wait_ms` per
    attempt so a wipe never freezes the screen; False means a reader was in the middle, and
    the caller tries again later.
    """
    conn = db.conn
    if conn.in_transaction:
        return False
    previous = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
    conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
    try:
        for _ in range(attempts):
            try:
                busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            except sqlite3.OperationalError as exc:  # locked by a writer past the wait
                log.debug("checkpoint attempt failed: %s", exc)
                continue
            if busy == 0:
                return True
    finally:
        conn.execute(f"PRAGMA busy_timeout = {previous}")
    return False


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
        if user_version(db) >= number:  # another connection (the sync thread) got there first
            conn.execute("COMMIT")
            continue
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


# SQLite's primary result codes that mean the file itself is damaged, not merely unavailable.
_DAMAGED = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _DAMAGED


def _unavailable(name: str, path: Path, exc: BaseException) -> StorageError:
    return StorageError(f"{name} cannot be opened now ({exc}); {path} is left untouched")


def _probe_write(db: sqlite_utils.Database) -> None:
    """Raise now if the file can be read but not written: SQLite quietly opens a file it may
    not write read-only, and the first save would fail in front of a person."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(f"PRAGMA user_version = {user_version(db)}")
    finally:
        conn.execute("ROLLBACK")


def open_database(
    path: Path, schema: Schema, *, quick_check: bool = False, timeout: float = 10.0
) -> Opened:
    """Open (creating if needed), check and migrate a database file.

    A file that is not a database, or that fails its integrity check, is moved aside and
    replaced by a fresh one; the caller reports `moved_aside` to staff. Any other failure
    (locked by another process for `timeout` seconds, read-only, disk full, no permission)
    raises StorageError and touches nothing: the file may be perfectly healthy.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    moved: Path | None = None
    db: sqlite_utils.Database | None = None
    try:
        db = connect(path, secure_delete=schema.secure_delete, timeout=timeout)
        problem = integrity_problem(db, quick=quick_check)
        if problem is None:
            _probe_write(db)
    except sqlite3.DatabaseError as exc:
        if db is not None:
            db.conn.close()
        if not _damaged(exc):
            raise _unavailable(schema.name, path, exc) from exc
        db, problem = None, str(exc)
    if problem is not None:
        if db is not None:
            db.conn.close()
        moved = move_aside(path)
        log.error(
            "%s failed its integrity check (%s); moved aside to %s", schema.name, problem, moved
        )
        db = connect(path, secure_delete=schema.secure_delete, timeout=timeout)
    assert db is not None
    try:
        migrate(db, schema)
    except sqlite3.DatabaseError as exc:
        db.conn.close()
        if _damaged(exc):
            raise
        raise _unavailable(schema.name, path, exc) from exc
    except BaseException:
        db.conn.close()
        raise
    return Opened(db, moved)
