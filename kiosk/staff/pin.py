"""The staff PIN: scrypt hashes, and a lockout after repeated wrong PINs.

The hash lives in the configuration (`staff.pin_hash`, written by `kiosk set-staff-pin`); the
failure count and the lock live in `kiosk.db` (`staff_lock`), so restarting the kiosk does
not reset them. Nothing here logs, prints or speaks a PIN.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from kiosk.storage import is_storage_fault

log = logging.getLogger(__name__)

PIN_PATTERN = re.compile(r"[0-9]{4,8}")  # ASCII only: \d also matches ١٢٣٤
MAX_FAILURES = 5
LOCK_MINUTES = 10
# scrypt cost: about 50 ms on a kiosk PC, 16 MB of memory.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_PREFIX = "scrypt"

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class BadPin(ValueError):
    """The PIN does not have the form staff PINs must have."""


def check_pin_form(pin: str) -> None:
    if not PIN_PATTERN.fullmatch(pin):
        raise BadPin("the staff PIN must be 4 to 8 digits")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """`scrypt$N$r$p$salt$hash` (base64), the form `staff.pin_hash` holds."""
    check_pin_form(pin)
    salt = secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    return "$".join(
        (_PREFIX, str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(digest))
    )


@dataclass(frozen=True)
class ParsedHash:
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes


def parse_hash(stored: str) -> ParsedHash:
    """The parts of a stored hash; ValueError saying what is wrong with it otherwise."""
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != _PREFIX:
        raise ValueError("not a hash written by `kiosk set-staff-pin` (scrypt$N$r$p$salt$hash)")
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except ValueError as exc:
        raise ValueError(f"damaged staff PIN hash ({exc})") from exc
    if n < 2 or n & (n - 1) or n > 2**20 or not 1 <= r <= 32 or not 1 <= p <= 16:
        raise ValueError("staff PIN hash has impossible scrypt parameters")
    if len(salt) < 8 or len(digest) < 16:
        raise ValueError("staff PIN hash is truncated")
    return ParsedHash(n, r, p, salt, digest)


def verify_pin(pin: str, stored: str) -> bool:
    """True if `pin` matches the stored hash; a malformed hash never matches."""
    try:
        parsed = parse_hash(stored)
    except ValueError:
        return False
    if not PIN_PATTERN.fullmatch(pin):
        return False
    digest = hashlib.scrypt(
        pin.encode("utf-8"),
        salt=parsed.salt,
        n=parsed.n,
        r=parsed.r,
        p=parsed.p,
        dklen=len(parsed.digest),
        maxmem=256 * 1024 * 1024,
    )
    return hmac.compare_digest(digest, parsed.digest)


@dataclass(frozen=True)
class Attempt:
    """What a PIN attempt gave. `outcome`: accepted, wrong, locked or disabled."""

    outcome: str
    tries_left: int = 0  # after a wrong PIN: how many before the lock
    locked_until: dt.datetime | None = None

    @property
    def accepted(self) -> bool:
        return self.outcome == "accepted"


class StaffGate:
    """Checks PINs against `pin_hash`, counting failures in `kiosk.db`.

    After MAX_FAILURES wrong PINs in a row staff mode is locked for LOCK_MINUTES; during the
    lock no PIN is even checked (the right one included). `clock` returns aware UTC times.
    """

    def __init__(self, db: sqlite_utils.Database, pin_hash: str, clock: Clock = utc_now) -> None:
        self._db = db
        self._hash = pin_hash
        self._clock = clock
        # The count, when the disk refuses to keep it (full, read-only): staff must still get
        # in to see why, and the lockout still holds for as long as the kiosk runs.
        self._in_memory: tuple[int, dt.datetime | None] | None = None

    @property
    def enabled(self) -> bool:
        return bool(self._hash)

    def locked_until(self) -> dt.datetime | None:
        """When the current lock ends, or None when staff mode is not locked."""
        _failed, until = self._read()
        if until is not None and until > self._clock():
            return until
        return None

    def attempt(self, pin: str) -> Attempt:
        if not self.enabled:
            return Attempt("disabled")
        now = self._clock()
        failed, until = self._read()
        if until is not None and until > now:
            return Attempt("locked", locked_until=until)
        if until is not None:  # a lock that has run out starts a fresh count
            failed = 0
        if verify_pin(pin, self._hash):
            self._write(0, None)
            log.info("staff mode opened")
            return Attempt("accepted")
        failed += 1
        if failed >= MAX_FAILURES:
            until = now + dt.timedelta(minutes=LOCK_MINUTES)
            self._write(0, until)
            log.warning(
                "staff mode locked for %d minutes after %d wrong PINs", LOCK_MINUTES, failed
            )
            return Attempt("locked", locked_until=until)
        self._write(failed, None)
        log.info("staff mode: wrong PIN (%d of %d)", failed, MAX_FAILURES)
        return Attempt("wrong", tries_left=MAX_FAILURES - failed)

    def _read(self) -> tuple[int, dt.datetime | None]:
        if self._in_memory is not None:
            return self._in_memory
        row = self._db.execute(
            "SELECT failed, locked_until FROM staff_lock WHERE id = 1"
        ).fetchone()
        if row is None:
            return 0, None
        until = dt.datetime.fromisoformat(row[1]) if row[1] else None
        return int(row[0]), until

    def _write(self, failed: int, until: dt.datetime | None) -> None:
        try:
            self._db.execute(
                "INSERT INTO staff_lock (id, failed, locked_until) VALUES (1, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET failed = excluded.failed, "
                "locked_until = excluded.locked_until",
                [failed, until.isoformat() if until else None],
            )
        except Exception as exc:
            if not is_storage_fault(exc):
                raise
            log.error("staff PIN attempts kept in memory only: %s", exc)
            self._in_memory = (failed, until)
        else:
            self._in_memory = None
