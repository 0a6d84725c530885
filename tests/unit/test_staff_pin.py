"""The staff PIN: hashing, verification, and the lockout with an injected clock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlite_utils

from kiosk.staff.pin import (
    LOCK_MINUTES,
    MAX_FAILURES,
    BadPin,
    StaffGate,
    hash_pin,
    parse_hash,
    verify_pin,
)
from kiosk.storage import open_database
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA

PIN = "2468"
HASH = hash_pin(PIN)  # scrypt is slow on purpose: hash once for the module


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    opened = open_database(tmp_path / "kiosk.db", KIOSK_SCHEMA)
    yield opened.db
    opened.db.conn.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_hash_verifies_and_hides_the_pin() -> None:
    assert verify_pin(PIN, HASH)
    assert not verify_pin("2469", HASH)
    assert PIN not in HASH and HASH.startswith("scrypt$")
    assert hash_pin(PIN) != HASH, "a fresh salt every time"


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", " 1234", "١٢٣٤"])
def test_pins_must_be_4_to_8_ascii_digits(pin: str) -> None:
    with pytest.raises(BadPin):
        hash_pin(pin)


@pytest.mark.parametrize(
    "stored", ["", "1234", "scrypt$16384$8$1$abc", "bcrypt$1$2$3$4$5", "scrypt$3$8$1$AAAA$AAAA"]
)
def test_a_malformed_hash_never_matches_and_says_why(stored: str) -> None:
    assert not verify_pin(PIN, stored)
    with pytest.raises(ValueError):
        parse_hash(stored)


def test_right_pin_opens(db, clock) -> None:
    gate = StaffGate(db, HASH, clock)
    assert gate.attempt(PIN).accepted


def test_wrong_pins_count_down_then_lock_for_ten_minutes(db, clock) -> None:
    gate = StaffGate(db, HASH, clock)
    for left in range(MAX_FAILURES - 1, 0, -1):
        result = gate.attempt("0000")
        assert (result.outcome, result.tries_left) == ("wrong", left)
    locked = gate.attempt("0000")
    assert locked.outcome == "locked"
    assert locked.locked_until == clock.now + dt.timedelta(minutes=LOCK_MINUTES)
    # During the lock even the right PIN is refused.
    clock.advance(minutes=LOCK_MINUTES - 1)
    assert gate.attempt(PIN).outcome == "locked"
    assert gate.locked_until() == locked.locked_until
    clock.advance(minutes=1, seconds=1)
    assert gate.locked_until() is None
    assert gate.attempt(PIN).accepted


def test_after_a_lock_the_count_starts_afresh(db, clock) -> None:
    gate = StaffGate(db, HASH, clock)
    for _ in range(MAX_FAILURES):
        gate.attempt("1111")
    clock.advance(minutes=LOCK_MINUTES, seconds=1)
    result = gate.attempt("1111")
    assert (result.outcome, result.tries_left) == ("wrong", MAX_FAILURES - 1)


def test_the_right_pin_resets_the_count(db, clock) -> None:
    gate = StaffGate(db, HASH, clock)
    for _ in range(MAX_FAILURES - 1):
        gate.attempt("1111")
    assert gate.attempt(PIN).accepted
    assert gate.attempt("1111").tries_left == MAX_FAILURES - 1


def test_the_lock_survives_a_restart(db, clock) -> None:
    for _ in range(MAX_FAILURES):
        StaffGate(db, HASH, clock).attempt("1111")
    assert StaffGate(db, HASH, clock).attempt(PIN).outcome == "locked"


def test_without_a_hash_staff_mode_is_off(db, clock) -> None:
    gate = StaffGate(db, "", clock)
    assert not gate.enabled
    assert gate.attempt("1234").outcome == "disabled"


def test_nothing_of_the_pin_is_logged(db, clock, caplog) -> None:
    gate = StaffGate(db, HASH, clock)
    with caplog.at_level("DEBUG"):
        for pin in ("97531", "86420", PIN):
            gate.attempt(pin)
    assert caplog.records, "the attempts are logged"
    for pin in ("97531", "86420", PIN):
        assert pin not in caplog.text
