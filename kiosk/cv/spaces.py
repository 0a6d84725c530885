"""Saved spaces: "keep my CV for next time", found again with a first name and a 6-digit code.

Nothing about one space can be learned from another's answers (issue 15, findings 7-8):

- A space is found by its `lookup`: scrypt of (first name, code) under a salt kept in this
  kiosk.db. The first name is not stored in clear. Opening computes that lookup and looks
  it up; no list of "spaces with this first name" is ever consulted, so no answer depends
  on which first names have spaces.
- Creating never collides observably: the same first name and code always lead to the same
  space. Whoever knows both could already open that space and delete it, so creating with
  them writes into it: the kinds given replace those kinds, the others stay (keeping jobs
  with the code of a kept CV loses neither). There is no "choose another code" answer to
  test codes with.
- Every `open` costs the same: one scrypt for the lookup and one to check the stored hash
  (`secret_hash`, per-space salt), against a dummy hash when nothing matched or the kiosk is
  waiting. The answers are NOT_FOUND or LOCKED only, whatever exists.
- Wrong codes are limited for the whole kiosk, not per space: 5 wrong codes within 15 minutes
  and the kiosk refuses every code for 15 minutes (at most 20 guesses an hour, whatever
  first names are tried). No space is ever locked, so a stranger cannot lock an owner out of
  their CV; a waiting kiosk is lifted by staff (`unlock`, `kiosk cv unlock-spaces`). A right
  code does not reset the count: otherwise anyone with a space of their own could reset it
  between guesses.

The code is never stored: `secret_hash` is scrypt with a random salt (parameters written in
the hash string), compared in constant time. A space unused for `spaces.expiry_days` days is
deleted by `purge_expired`; "delete my data" deletes it at once, WAL included.

Spaces made before the lookup existed (`lookup` NULL) are still opened by first name and
code, then given their lookup; they expire with the rest.
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
from kiosk.storage import scrub

MAX_ATTEMPTS = 5  # wrong codes on this kiosk within WINDOW before it waits for LOCK
WINDOW = dt.timedelta(minutes=15)
LOCK = dt.timedelta(minutes=15)
CODE_LENGTH = 6
_GUARD = "spaces.wrong_codes"  # meta key: recent wrong codes and the wait, kiosk-wide
_SALT = "spaces.lookup_salt"  # meta key: this kiosk's salt for lookups

CODE_FORMAT = N_("The secret code is 6 digits. Please type 6 digits.")
CODE_TOO_EASY = N_(
    "This code is too easy to guess. Please choose 6 digits that are not all the same "
    "and do not follow each other."
)
NOT_FOUND = N_("We did not find your CV. Please check your first name and your code.")
LOCKED = N_(
    "Too many wrong codes on this kiosk. Please try again in {minutes} minutes, "
    "or ask a staff member."
)
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


_DUMMIES: dict[ScryptParams, str] = {}


def _dummy(params: ScryptParams) -> str:
    """A hash no code matches, made once per process: checked when nothing else is."""
    if params not in _DUMMIES:
        _DUMMIES[params] = hash_code(secrets.token_hex(16), params)
    return _DUMMIES[params]


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
        self._salt: bytes | None = None
        _dummy(params)

    # --- the lookup ------------------------------------------------------------------

    def _kiosk_salt(self) -> bytes:
        if self._salt is None:
            fresh = _b64(secrets.token_bytes(16))
            self._db.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", [_SALT, fresh]
            )
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", [_SALT]).fetchone()
            self._salt = base64.b64decode(row[0])
        return self._salt

    def _lookup(self, key: str, digits: str) -> str:
        p = self._params
        digest = hashlib.scrypt(
            f"{key}\x00{digits}".encode(),
            salt=self._kiosk_salt(),
            n=p.n,
            r=p.r,
            p=p.p,
            dklen=p.length,
            maxmem=256 * 1024 * 1024,
        )
        return _b64(digest)

    # --- finding and creating --------------------------------------------------------

    def create(self, first_name: str, code: str, items: dict[str, Any] | None = None) -> str:
        """The space for this first name and code, now holding `items`; returns its id.

        Raises FieldError for a bad first name or code, and nothing else: an existing space
        with the same first name and code is that space; the kinds in `items` replace its
        own of those kinds, and what it holds of other kinds stays.
        """
        key = first_name_key(clean_name(first_name, "first_name"))
        code = check_code(code)
        now = self._clock()
        lookup = self._lookup(key, code)
        secret = hash_code(code, self._params)
        with transaction(self._db):
            row = self._db.execute("SELECT id FROM spaces WHERE lookup = ?", [lookup]).fetchone()
            if row is None:
                space_id = uuid.uuid4().hex
                self._db.execute(
                    "INSERT INTO spaces (id, first_name_key, lookup, secret_hash, "
                    "failed_attempts, locked_until, created_at, last_used_at) "
                    "VALUES (?, '', ?, ?, 0, NULL, ?, ?)",
                    [space_id, lookup, secret, _iso(now), _iso(now)],
                )
            else:
                space_id = row[0]
                self._db.execute(
                    "UPDATE spaces SET secret_hash = ?, last_used_at = ? WHERE id = ?",
                    [secret, _iso(now), space_id],
                )
            for kind, payload in (items or {}).items():
                self._put(space_id, kind, payload, now)
        return space_id

    def open(self, first_name: str, code: str) -> str:
        """The id of the space these answers open, or UserError (NOT_FOUND or LOCKED).

        Same work and same answers whatever exists: see the module's docstring.
        """
        key = first_name_key(first_name)
        digits = _digits(code)
        now = self._clock()
        lookup = self._lookup(key, digits)
        found = self._db.execute(
            "SELECT id, secret_hash FROM spaces WHERE lookup = ?", [lookup]
        ).fetchone()
        legacy: list[tuple[str, str]] = []
        if found is None and key:
            legacy = [
                (r[0], r[1])
                for r in self._db.execute(
                    "SELECT id, secret_hash FROM spaces WHERE lookup IS NULL "
                    "AND first_name_key = ? ORDER BY created_at, id",
                    [key],
                ).fetchall()
            ]
        candidates = [(found[0], found[1])] if found is not None else legacy
        hashes = [stored for _id, stored in candidates] or [_dummy(self._params)]
        matches = [verify_code(digits, stored) for stored in hashes]
        waited: dt.datetime | None = None
        # The count is read and written under the write lock: attempts at once queue up.
        with transaction(self._db):
            waited = self._waiting_until(now)
            if waited is None:
                for (space_id, _stored), matched in zip(candidates, matches, strict=False):
                    if matched:
                        self._db.execute(
                            "UPDATE spaces SET lookup = ?, first_name_key = '', "
                            "failed_attempts = 0, locked_until = NULL, last_used_at = ? "
                            "WHERE id = ?",
                            [lookup, _iso(now), space_id],
                        )
                        return str(space_id)
                waited = self._wrong_code(now)
        if waited is not None:
            minutes = max(1, -(-int((waited - now).total_seconds()) // 60))
            raise UserError(LOCKED, minutes=minutes)
        raise UserError(NOT_FOUND)

    # --- the kiosk-wide limit on wrong codes -------------------------------------------

    def _guard(self) -> dict[str, Any]:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", [_GUARD]).fetchone()
        try:
            value = json.loads(row[0]) if row else {}
        except ValueError:
            value = {}
        return value if isinstance(value, dict) else {}

    def _waiting_until(self, now: dt.datetime) -> dt.datetime | None:
        until = _parse(self._guard().get("until"))
        return until if until is not None and until > now else None

    def _wrong_code(self, now: dt.datetime) -> dt.datetime | None:
        """Count one wrong code; when it is one too many, the moment the kiosk waits until."""
        recent = [
            t for t in (_parse(x) for x in self._guard().get("times", [])) if t and now - t < WINDOW
        ]
        recent.append(now)
        until = now + LOCK if len(recent) >= MAX_ATTEMPTS else None
        state = {
            "times": [] if until else [_iso(t) for t in recent],
            "until": _iso(until) if until else None,
        }
        self._db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [_GUARD, json.dumps(state)],
        )
        return until

    def waiting_until(self) -> dt.datetime | None:
        """When the kiosk accepts codes again after too many wrong ones (None: it does)."""
        return self._waiting_until(self._clock())

    def unlock(self) -> bool:
        """Staff: accept codes again now and forget recent wrong ones; True if it was waiting."""
        was = self.waiting_until() is not None
        self._db.execute("DELETE FROM meta WHERE key = ?", [_GUARD])
        return was

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
        """ "Delete my data": the space and all it holds, at once, overwritten on disk
        (secure_delete) and out of the write-ahead log (scrub)."""
        cursor = self._db.execute("DELETE FROM spaces WHERE id = ?", [space_id])
        scrub(self._db)
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
