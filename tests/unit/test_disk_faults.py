"""Issue 15, finding 11: the disk fills up or turns read-only during service. A session still
starts (in memory), what the person made so far is carried over, staff see why, and nothing
stays behind once the session ends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.session import Sessions
from kiosk.storage import open_database
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA
from tests.fakes.disk import SmallDisk, small_disk


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[SmallDisk]:
    with small_disk(tmp_path / "disk", size_mb=4) as mounted:
        yield mounted


def _sessions(disk: SmallDisk) -> Sessions:
    return Sessions(open_database(disk.path / "kiosk.db", KIOSK_SCHEMA).db)


def _everything_on(disk: SmallDisk) -> bytes:
    return b"".join(p.read_bytes() for p in disk.path.iterdir() if p.name != ".filler")


def test_a_full_disk_still_starts_a_session_in_memory_and_staff_see_why(disk: SmallDisk) -> None:
    sessions = _sessions(disk)
    disk.fill()

    sessions.start("fr")

    assert sessions.current is not None
    assert not sessions.durable
    assert "full" in sessions.fault
    sessions.save("cv", {"name": "Awa Traoré"})
    assert sessions.load("cv") == {"name": "Awa Traoré"}


def test_the_disk_filling_mid_session_carries_what_was_made_into_memory(disk: SmallDisk) -> None:
    sessions = _sessions(disk)
    sessions.start("ar")
    sessions.save("cv", {"name": "Awa Traoré"})
    assert sessions.durable
    disk.fill()

    sessions.save("offers", ["A-1", "B-2"] * 5000)  # needs new pages: refused by the disk

    assert not sessions.durable
    assert sessions.load("cv") == {"name": "Awa Traoré"}
    assert sessions.load("offers") == ["A-1", "B-2"] * 5000


def test_a_read_only_disk_mid_session_loses_nothing_of_the_session(disk: SmallDisk) -> None:
    store = open_database(disk.path / "kiosk.db", KIOSK_SCHEMA).db
    sessions = Sessions(store)
    sessions.start("fr")
    sessions.save("cv", {"name": "Awa Traoré"})
    # A disk that turns read-only under open files (ext4's errors=remount-ro) cannot be
    # staged on a tmpfs, which refuses to remount while SQLite holds it open for writing:
    # SQLite's own read-only switch raises the same SQLITE_READONLY the kiosk then meets.
    store.execute("PRAGMA query_only = ON")

    sessions.save("cv", {"name": "Awa Traoré", "phone": "0612345678"})
    assert not sessions.durable
    assert "readonly" in sessions.fault.replace("-", "").replace(" ", "")
    assert sessions.load("cv")["phone"] == "0612345678"

    sessions.end()  # cannot delete on disk: must not raise, and the next start retries
    sessions.start("fr")
    assert not sessions.durable


def test_once_the_disk_has_room_again_the_next_session_is_on_disk_and_nothing_is_left(
    disk: SmallDisk,
) -> None:
    sessions = _sessions(disk)
    sessions.start("fr")
    sessions.save("cv", {"name": "Zorbatique Quenelle"})
    disk.fill()
    sessions.save("offers", ["X-1"] * 5000)
    assert not sessions.durable

    disk.free()
    sessions.end()
    sessions.start("fr")

    assert sessions.durable
    assert sessions.fault == ""
    sessions.end()
    assert b"Zorbatique" not in _everything_on(disk)


def test_a_full_disk_says_once_that_logs_are_lost_instead_of_a_traceback_per_line(
    disk: SmallDisk, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging

    from kiosk import logs

    logs.setup(disk.path / "logs")
    disk.fill()
    try:
        for n in range(50):
            logging.getLogger("kiosk.test").warning("line %d %s", n, "x" * 5000)
        err = capsys.readouterr().err
        assert err.count("cannot be written; log lines are lost") == 1
        assert "Traceback" not in err and "Logging error" not in err
    finally:
        logs.setup(None)


def test_staff_get_in_with_the_right_pin_on_a_full_disk_and_the_lockout_still_holds(
    disk: SmallDisk,
) -> None:
    from kiosk.staff.pin import MAX_FAILURES, StaffGate, hash_pin

    store = open_database(disk.path / "kiosk.db", KIOSK_SCHEMA).db
    gate = StaffGate(store, hash_pin("4826"))
    disk.fill()

    assert gate.attempt("4826").outcome == "accepted"  # staff must get in to see why
    for _ in range(MAX_FAILURES):
        last = gate.attempt("0000")
    assert last.outcome == "locked"
    assert gate.attempt("4826").outcome == "locked"
