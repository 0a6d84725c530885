from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kiosk.session import IdleClock, IdleState, Sessions
from kiosk.storage import open_database
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA


def sessions(tmp_path: Path) -> Sessions:
    return Sessions(open_database(tmp_path / "kiosk.db", KIOSK_SCHEMA).db)


def test_what_a_person_made_is_committed_and_wiped_at_the_end(tmp_path: Path) -> None:
    s = sessions(tmp_path)
    s.start("ar")
    s.save("cv", {"name": "Amina", "phone": "0600000000"})
    # A second connection (another process after a power cut) sees it already committed.
    other = open_database(tmp_path / "kiosk.db", KIOSK_SCHEMA).db
    assert other.execute("SELECT count(*) FROM session_items").fetchone()[0] == 1
    assert s.load("cv") == {"name": "Amina", "phone": "0600000000"}
    s.end()
    assert other.execute("SELECT count(*) FROM session_items").fetchone()[0] == 0
    assert other.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
    assert s.load("cv") is None


def test_saving_again_replaces(tmp_path: Path) -> None:
    s = sessions(tmp_path)
    s.start("fr")
    s.save("draft", 1)
    s.save("draft", 2)
    assert s.load("draft") == 2


def test_sessions_left_by_a_crash_are_wiped_at_start(tmp_path: Path) -> None:
    s = sessions(tmp_path)
    s.start("fr")
    s.save("cv", {"name": "Jean"})
    # Simulate a power cut: the process is gone without end().
    fresh = sessions(tmp_path)
    assert fresh.wipe_abandoned() == 1
    assert fresh._db.execute("SELECT count(*) FROM session_items").fetchone()[0] == 0


def test_wiped_text_does_not_stay_in_the_file(tmp_path: Path) -> None:
    s = sessions(tmp_path)
    s.start("fr")
    s.save("cv", {"name": "Zéphyrine-Unique-Marker"})
    s.end()
    s._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"Unique-Marker" not in (tmp_path / "kiosk.db").read_bytes()


def test_idle_clock_phases() -> None:
    clock = IdleClock(idle_seconds=60, warning_seconds=20)
    clock.touch(1000.0)
    assert clock.state(1059.0) is IdleState.ACTIVE
    assert clock.state(1060.0) is IdleState.WARNING
    assert clock.seconds_left(1060.0) == 20
    assert clock.seconds_left(1075.5) == 5
    assert clock.state(1080.0) is IdleState.EXPIRED
    assert clock.seconds_left(1090.0) == 0
    clock.touch(1079.0)
    assert clock.state(1080.0) is IdleState.ACTIVE


@given(
    st.floats(1, 3600),
    st.floats(1, 120),
    st.floats(0, 10_000),
    st.floats(0, 10_000),
)
def test_idle_clock_never_goes_back(idle: float, warning: float, t1: float, dt: float) -> None:
    clock = IdleClock(idle, warning)
    order = [IdleState.ACTIVE, IdleState.WARNING, IdleState.EXPIRED]
    assert order.index(clock.state(t1)) <= order.index(clock.state(t1 + dt))
    assert clock.seconds_left(t1 + dt) <= clock.seconds_left(t1)
