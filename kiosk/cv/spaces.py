"""Saved spaces: "keep my CV for next time", found again with a first name and a 6-digit code.

The code is never stored: `secret_hash` is scrypt (a random salt per space; the parameters
are written in the hash string, so they can be raised later without breaking old spaces),
compared in constant time. Five wrong codes lock a space for 15 minutes. A space unused for
`spaces.expiry_days` days is deleted by `purge_expired`; "delete my data" deletes it at once.

Two people may share a first name. `open` tries the code against every unlocked space of
that name, in a fixed order; a match opens that space and resets its counter. When nothing
matches, every unlocked candidate counts one failed attempt: each guess was a guess at each
of them, so an attacker gets five guesses per space, not five per space times the number of
namesakes. The cost is that one person's typing mistakes also count against a namesake's
space, which is the safe side. `create` refuses a code that already opens a namesake's space
(otherwise the next `open` could not tell them apart); the refusal says only "choose another
code", and counts as a failed attempt on that space, so creating spaces is no way around the
lock.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import itertools
import json
import re
import secrets
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from kiosk.catalogue.offers import transaction
from kiosk.cv.validation import FieldError, clean_name
from kiosk.errors import UserError
from kiosk.i18n import N_

MAX_ATTEMPTS = 5
LOCK = dt.timedelta(minutes=15)
CODE_LENGTH = 6

CODE_FORMAT = N_("The secret code is 6 digits. Please type 6 digits.")
CODE_TOO_EASY = N_(
    "This code is too easy to guess. Please choose 6 digits that are not all the same "
    "and do not follow each other."
)
CODE_TAKEN = N_("Please choose another code.")
NOT_FOUND = N_(
    "We did not find your space. Please check your first name and your code. "
    "After 5 mistakes, your space is locked for 15 minutes."
)
LOCKED = N_("Your space is locked after 5 wrong codes. Please try again in {minutes} minutes.")
GONE = N_("This space does not exist any more.")


@dataclass(frozen=True)
class ScryptParams:
    n: int = 2**14
    r: int = 8
    p: int = 1
    length: int = 32


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_code(code: str, params: ScryptParams = ScryptParams()) -> str:
    """`scrypt$n$r$p$salt$hash`, salt and hash in base64."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        code.encode(), salt=salt, n=params.n, r=params.r, p=params.p, dklen=params.length
    )
    return f"scrypt${params.n}${params.r}${params.p}${_b64(salt)}${_b64(digest)}"


def verify_code(code: str, stored: str) -> bool:
    """Constant-time comparison against a stored hash; False for a malformed hash."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            code.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=256 * 1024 * 1024,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def first_name_key(first_name: str) -> str:
    """ "Élodie", "elodie ", "ÉLODIE" are one key: no accents or Arabic vowel marks, no case."""
    decomposed = unicodedata.normalize("NFKD", first_name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = unicodedata.normalize("NFKC", plain.replace("\u0640", ""))  # Arabic tatweel
    return re.sub(r"[\s\-'’]+", " ", plain).strip()


def _digits(code: str) -> str:
    return code.strip().translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))


def check_code(code: str) -> str:
    """Exactly 6 digits, not trivially guessable; raises FieldError("code", ...)."""
    digits = _digits(code)
    if not re.fullmatch(rf"[0-9]{{{CODE_LENGTH}}}", digits):
        raise FieldError("code", CODE_FORMAT)
    steps = {int(b) - int(a) for a, b in itertools.pairwise(digits)}
    if steps in ({0}, {1}, {-1}):
        raise FieldError("code", CODE_TOO_EASY)
    return digits


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _parse(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


class Spaces:
    """Saved spaces in kiosk.db. `clock` returns an aware datetime (injectable for tests)."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        clock: Callable[[], dt.datetime] = _utcnow,
        params: ScryptParams = ScryptParams(),
    ) -> None:
        self._db = db
        self._clock = clock
        self._params = params
        self._decoy: str | None = None

    # --- finding and creating --------------------------------------------------------

    def _candidates(self, key: str) -> list[tuple[str, str, int, dt.datetime | None]]:
        rows = self._db.execute(
            "SELECT id, secret_hash, failed_attempts, locked_until FROM spaces "
            "WHERE first_name_key = ? ORDER BY created_at, id",
            [key],
        ).fetchall()
        return [(r[0], r[1], int(r[2]), _parse(r[3])) for r in rows]

    def create(self, first_name: str, code: str, items: dict[str, Any] | None = None) -> str:
        """A new space holding `items` (kind -> JSON payload); returns its id.

        Raises FieldError for a bad first name or code, UserError(CODE_TAKEN) when a
        namesake's space already has this code.
        """
        key = first_name_key(clean_name(first_name, "first_name"))
        code = check_code(code)
        now = self._clock()
        secret = hash_code(code, self._params)
        space_id = uuid.uuid4().hex
        with transaction(self._db):
            taken = False
            for other, stored, failed, locked in self._candidates(key):
                if verify_code(code, stored):
                    taken = True
                    if locked is None or locked <= now:  # a locked space stays locked
                        self._failed(other, 0 if locked else failed, now)
                    break
            if not taken:
                self._db.execute(
                    "INSERT INTO spaces (id, first_name_key, secret_hash, failed_attempts, "
                    "locked_until, created_at, last_used_at) VALUES (?, ?, ?, 0, NULL, ?, ?)",
                    [space_id, key, secret, _iso(now), _iso(now)],
                )
                for kind, payload in (items or {}).items():
                    self._put(space_id, kind, payload, now)
        if taken:  # raised after the commit, so the failed attempt is counted
            raise UserError(CODE_TAKEN)
        return space_id

    def open(self, first_name: str, code: str) -> str:
        """The id of the space these answers open, or UserError (NOT_FOUND or LOCKED)."""
        key = first_name_key(first_name)
        digits = _digits(code)
        now = self._clock()
        unlock: list[dt.datetime] = []
        still_open = 0
        # The write lock is taken first: two attempts at once are counted one after the other.
        with transaction(self._db):
            candidates = self._candidates(key)
            if not candidates:
                # As slow as a real check: the answer's timing does not tell whether
                # someone with this first name has a space.
                self._decoy = self._decoy or hash_code(secrets.token_hex(8), self._params)
                verify_code(digits, self._decoy)
            for space_id, stored, failed, locked in candidates:
                if locked is not None and locked > now:
                    unlock.append(locked)
                    continue
                if verify_code(digits, stored):
                    self._db.execute(
                        "UPDATE spaces SET failed_attempts = 0, locked_until = NULL, "
                        "last_used_at = ? WHERE id = ?",
                        [_iso(now), space_id],
                    )
                    return space_id
                # A lock that has run out starts a fresh count.
                locked_now = self._failed(space_id, 0 if locked is not None else failed, now)
                if locked_now is None:
                    still_open += 1
                else:
                    unlock.append(locked_now)
        if unlock and still_open == 0:
            minutes = max(1, -(-int((min(unlock) - now).total_seconds()) // 60))
            raise UserError(LOCKED, minutes=minutes)
        raise UserError(NOT_FOUND)

    def _failed(self, space_id: str, failed: int, now: dt.datetime) -> dt.datetime | None:
        failed += 1
        locked = now + LOCK if failed >= MAX_ATTEMPTS else None
        self._db.execute(
            "UPDATE spaces SET failed_attempts = ?, locked_until = ? WHERE id = ?",
            [0 if locked else failed, _iso(locked) if locked else None, space_id],
        )
        return locked

    # --- what a space holds ----------------------------------------------------------

    def _put(self, space_id: str, kind: str, payload: Any, now: dt.datetime) -> None:
        self._db.execute(
            "INSERT INTO space_items (space_id, kind, payload, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (space_id, kind) DO UPDATE SET payload = excluded.payload, "
            "updated_at = excluded.updated_at",
            [space_id, kind, json.dumps(payload, ensure_ascii=False), _iso(now)],
        )

    def save(self, space_id: str, kind: str, payload: Any) -> None:
        """Write one item and mark the space used, in one transaction committed on return."""
        now = self._clock()
        with transaction(self._db):
            touched = self._db.execute(
                "UPDATE spaces SET last_used_at = ? WHERE id = ?", [_iso(now), space_id]
            ).rowcount
            if touched == 0:
                raise UserError(GONE)
            self._put(space_id, kind, payload, now)

    def load(self, space_id: str, kind: str) -> Any:
        row = self._db.execute(
            "SELECT payload FROM space_items WHERE space_id = ? AND kind = ?", [space_id, kind]
        ).fetchone()
        return None if row is None else json.loads(row[0])

    def delete(self, space_id: str) -> bool:
        """ "Delete my data": the space and all it holds, at once (secure_delete overwrites)."""
        cursor = self._db.execute("DELETE FROM spaces WHERE id = ?", [space_id])
        return cursor.rowcount > 0

    def exists(self, space_id: str) -> bool:
        row = self._db.execute("SELECT 1 FROM spaces WHERE id = ?", [space_id]).fetchone()
        return row is not None


def purge_expired(db: sqlite_utils.Database, now: dt.datetime, expiry_days: int = 90) -> int:
    """Delete spaces unused for `expiry_days` days (setting `spaces.expiry_days`); how many.

    The app calls it at start and daily: `purge_expired(store, now, config.get_int(...))`.
    """
    cutoff = _iso(now - dt.timedelta(days=expiry_days))
    cursor = db.execute("DELETE FROM spaces WHERE last_used_at < ?", [cutoff])
    return int(cursor.rowcount)
