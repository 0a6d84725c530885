from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from kiosk.storage import Schema, StorageError, connect, open_database, user_version


def _one(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT)")


def _two(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE things ADD COLUMN colour TEXT")


def _broken(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE more (id INTEGER)")
    raise RuntimeError("migration bug")


def test_migrations_run_in_order_once(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    opened = open_database(path, Schema("t.db", (_one,)))
    assert user_version(opened.db) == 1
    opened.db["things"].insert({"name": "kept"})
    opened.db.conn.close()
    again = open_database(path, Schema("t.db", (_one, _two)))
    assert user_version(again.db) == 2
    assert again.db["things"].columns_dict == {"id": int, "name": str, "colour": str}
    assert [r["name"] for r in again.db["things"].rows] == ["kept"]
    assert again.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_failed_migration_leaves_nothing_half_done(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    open_database(path, Schema("t.db", (_one,))).db.conn.close()
    with pytest.raises(RuntimeError):
        open_database(path, Schema("t.db", (_one, _broken)))
    db = connect(path)
    assert user_version(db) == 1
    assert "more" not in db.table_names()


def test_a_newer_file_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    open_database(path, Schema("t.db", (_one, _two))).db.conn.close()
    with pytest.raises(StorageError, match="newer kiosk"):
        open_database(path, Schema("t.db", (_one,)))


def test_a_corrupt_file_is_moved_aside_never_deleted(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    garbage = b"this is not a database" * 500
    path.write_bytes(garbage)
    opened = open_database(path, Schema("kiosk.db", (_one,)))
    assert opened.moved_aside is not None
    assert opened.moved_aside.read_bytes() == garbage
    assert opened.moved_aside.name.startswith("kiosk.db.corrupt-")
    assert opened.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert user_version(opened.db) == 1


def test_a_damaged_page_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    opened = open_database(path, Schema("kiosk.db", (_one,)))
    opened.db["things"].insert_all({"name": "x" * 500} for _ in range(200))
    opened.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    opened.db.conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 2 : page * 2 + 200] = b"\xff" * 200  # scribble over a b-tree page
    path.write_bytes(bytes(data))
    reopened = open_database(path, Schema("kiosk.db", (_one,)))
    assert reopened.moved_aside is not None and reopened.moved_aside.exists()
