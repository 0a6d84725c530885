"""Saved spaces reveal nothing about one another: creating one answers the same whatever
exists, a wrong code gets the same answer after the same work whatever exists, and a
stranger's wrong codes lock no one's space (the kiosk waits; staff can lift it)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlite_utils

from kiosk.cv import spaces as sp
from kiosk.errors import UserError
from kiosk.storage import open_database
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA

FAST = sp.ScryptParams(n=2**10)


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def new_kiosk(folder: Path) -> tuple[sqlite_utils.Database, sp.Spaces, Clock]:
    folder.mkdir()
    db = open_database(folder / "kiosk.db", KIOSK_SCHEMA).db
    clock = Clock()
    return db, sp.Spaces(db, clock=clock, params=FAST), clock


def answer(action: Callable[[], object]) -> tuple[str, dict[str, object]] | str:
    try:
        action()
    except UserError as exc:
        return exc.message, dict(exc.values)
    return "ok"


def test_creating_a_space_answers_the_same_whether_the_code_is_taken_or_not(
    tmp_path: Path,
) -> None:
    db, spaces, _clock = new_kiosk(tmp_path / "k")
    owner = spaces.create("Karim", "480512", {"cv": {"basics": {"name": "Karim B"}}})
    # A stranger tries codes by creating spaces: the right one is answered like any other.
    for code in ("731906", "480512", "250893"):
        assert answer(lambda c=code: spaces.create("Karim", c, {"cv": {"x": c}})) == "ok"
    # ...and none of this counted against anyone: the owner still opens at once.
    assert spaces.open("karim", "480512") == owner
    assert db.execute("SELECT count(*) FROM spaces").fetchone()[0] == 3


def test_creating_answers_the_same_while_the_kiosk_waits_after_wrong_codes(
    tmp_path: Path,
) -> None:
    _db, spaces, _clock = new_kiosk(tmp_path / "k")
    spaces.create("Karim", "480512")
    for _ in range(sp.MAX_ATTEMPTS):
        answer(lambda: spaces.open("Karim", "111112"))
    assert answer(lambda: spaces.create("Karim", "480512")) == "ok"
    assert answer(lambda: spaces.create("Karim", "909182")) == "ok"


def wrong_codes(folder: Path, with_space: bool, name: str) -> list[object]:
    _db, spaces, clock = new_kiosk(folder)
    if with_space:
        spaces.create("Karim", "480512")
    seen = []
    for _ in range(sp.MAX_ATTEMPTS + 2):
        seen.append(answer(lambda: spaces.open(name, "111112")))
        clock.advance(seconds=20)
    return seen


def test_wrong_codes_get_the_same_answers_whether_the_first_name_has_a_space(
    tmp_path: Path,
) -> None:
    with_space = wrong_codes(tmp_path / "a", True, "Karim")
    without = wrong_codes(tmp_path / "b", False, "Karim")
    other_name = wrong_codes(tmp_path / "c", True, "Nobody")
    assert with_space == without == other_name
    assert with_space[0] == (sp.NOT_FOUND, {})
    assert with_space[-1][0] == sp.LOCKED  # type: ignore[index]


def test_every_answer_costs_the_same_number_of_scrypt_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Timing cannot tell what exists: the work is counted, not timed (no timed tests)."""
    _db, spaces, clock = new_kiosk(tmp_path / "k")
    spaces.create("Karim", "480512")
    spaces.create("Karim", "731906")
    runs: list[int] = []
    real = hashlib.scrypt

    def counting(*args: object, **kwargs: object) -> bytes:
        runs.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sp.hashlib, "scrypt", counting)

    def cost(name: str, code: str) -> int:
        runs.clear()
        answer(lambda: spaces.open(name, code))
        return len(runs)

    costs = {
        "right code": cost("Karim", "480512"),
        "wrong code, namesakes exist": cost("Karim", "111112"),
        "nobody by that name": cost("Zacharie", "111112"),
        "nobody, and a bad code": cost("Zacharie", "12"),
    }
    for _ in range(sp.MAX_ATTEMPTS):
        answer(lambda: spaces.open("Karim", "111112"))
    costs["kiosk waiting"] = cost("Karim", "480512")
    clock.advance(minutes=16)
    costs["after the wait"] = cost("Karim", "731906")
    assert len(set(costs.values())) == 1, costs


def test_a_strangers_wrong_codes_lock_no_space_and_staff_can_lift_the_wait(
    tmp_path: Path,
) -> None:
    db, spaces, clock = new_kiosk(tmp_path / "k")
    owner = spaces.create("Samira", "480512", {"cv": {"x": 1}})
    for _ in range(sp.MAX_ATTEMPTS):
        answer(lambda: spaces.open("Samira", "111112"))
    waiting = answer(lambda: spaces.open("Samira", "480512"))
    assert waiting == (sp.LOCKED, {"minutes": 15})
    # The space itself carries no lock or count: nothing about it changed.
    row = db.execute(
        "SELECT failed_attempts, locked_until FROM spaces WHERE id = ?", [owner]
    ).fetchone()
    assert row == (0, None)
    # The owner at the agency: staff lift the wait and the owner opens (to print or delete).
    assert spaces.unlock() is True
    assert spaces.open("Samira", "480512") == owner
    assert spaces.delete(owner)
    # Or, without staff, after the wait.
    for _ in range(sp.MAX_ATTEMPTS):
        answer(lambda: spaces.open("Samira", "111112"))
    clock.advance(minutes=15)
    assert answer(lambda: spaces.open("Samira", "111112")) == (sp.NOT_FOUND, {})


def test_the_first_name_is_not_stored_in_clear(tmp_path: Path) -> None:
    db, spaces, _clock = new_kiosk(tmp_path / "k")
    spaces.create("Zéphyrine", "480512")
    dumped = "\n".join(db.conn.iterdump()).casefold()
    assert "zephyrine" not in dumped and "zéphyrine" not in dumped


def test_a_space_made_before_lookups_still_opens_and_gets_its_lookup(tmp_path: Path) -> None:
    db, spaces, _clock = new_kiosk(tmp_path / "k")
    db.execute(
        "INSERT INTO spaces (id, first_name_key, secret_hash, created_at, last_used_at) "
        "VALUES ('old', 'samira', ?, '2026-11-01T10:00:00+00:00', '2026-11-01T10:00:00+00:00')",
        [sp.hash_code("480512", FAST)],
    )
    assert answer(lambda: spaces.open("Samira", "111112")) == (sp.NOT_FOUND, {})
    assert spaces.open("Samira", "480512") == "old"
    row = db.execute("SELECT first_name_key, lookup FROM spaces WHERE id = 'old'").fetchone()
    assert row[0] == "" and row[1]
    assert spaces.open("samira", "480512") == "old"


def refusing_codes(data_dir: Path) -> sp.Spaces:
    """This kiosk's spaces after one wrong code too many: they wait."""
    data_dir.mkdir(parents=True)
    db = open_database(data_dir / "kiosk.db", KIOSK_SCHEMA).db
    spaces = sp.Spaces(db, params=FAST)
    for _ in range(sp.MAX_ATTEMPTS):
        answer(lambda: spaces.open("Samira", "111112"))
    assert spaces.waiting_until() is not None
    return spaces


def test_staff_lift_the_wait_from_the_command_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk import cli

    spaces = refusing_codes(data_dir)
    assert cli.main(["cv", "unlock-spaces"]) == 0
    assert "accepted again" in capsys.readouterr().out
    assert spaces.waiting_until() is None


def test_with_a_hub_out_of_reach_the_command_line_lifts_the_kiosk_and_says_the_hub_was_not_told(
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import socket

    from kiosk import cli

    with socket.socket() as free:  # a port nobody listens on: the hub is down
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[hub]\nurl = "http://127.0.0.1:{port}"\nkiosk_id = "k1"\ntoken = "t"\n', encoding="utf-8"
    )
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    spaces = refusing_codes(data_dir)
    assert cli.main(["cv", "unlock-spaces"]) == 1
    assert "the hub was not told" in capsys.readouterr().err
    assert spaces.waiting_until() is None
