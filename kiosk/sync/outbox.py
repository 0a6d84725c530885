"""The outbox in `kiosk.db`: what users asked to send waits here until it is acknowledged.

Each item has a UUID idempotency key that travels with it (the e-mail's Message-ID, the hub
event's key), so a retry after an ambiguous failure (sent, but the answer was lost) is
recognised by the other side instead of duplicated. Items are deleted only once delivered.
A failure sets the next attempt with capped exponential backoff and jitter; after
`sync.max_attempts` failures, or a permanent refusal, the item waits for staff.

Staff see kind, dates, attempts and the (redacted) last error: never the payload.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils

from kiosk.catalogue.offers import transaction
from kiosk.sync.backoff import Backoff
from kiosk.sync.privacy import redact

KINDS = ("email", "hub_event")
PENDING, NEEDS_STAFF = "pending", "needs_staff"
# A minute after the first failure, doubling, never more than six hours between tries.
RETRY_BACKOFF = Backoff(base=60.0, cap=6 * 3600.0)


@dataclass(frozen=True)
class OutboxItem:
    """An item as staff see it: no payload, so no personal data."""

    key: str
    kind: str
    created_at: str
    attempts: int
    next_attempt_at: str
    state: str
    last_error: str | None


@dataclass(frozen=True)
class DueItem:
    key: str
    kind: str
    created_at: str
    attempts: int
    payload: dict[str, Any]


def stamp(moment: datetime) -> str:
    """ISO 8601 UTC to the microsecond: stamps compare correctly as text."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _now() -> datetime:
    return datetime.now(UTC)


def _check(kind: str, payload: Mapping[str, Any]) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown outbox kind {kind!r}; expected one of {', '.join(KINDS)}")
    if kind == "email":
        for name in ("to", "subject", "body"):
            if not isinstance(payload.get(name), str):
                raise ValueError(f"an email needs a text '{name}'")
        attachments = payload.get("attachments", [])
        if not isinstance(attachments, list) or not all(
            isinstance(a, Mapping)
            and all(isinstance(a.get(f), str) for f in ("filename", "content_type", "data_b64"))
            for a in attachments
        ):
            raise ValueError("email attachments must be {filename, content_type, data_b64}")
    elif not isinstance(payload.get("type"), str) or not isinstance(payload.get("data"), Mapping):
        raise ValueError("a hub_event needs a text 'type' and an object 'data'")


def enqueue(db: sqlite_utils.Database, kind: str, payload: Mapping[str, Any]) -> str:
    """Queue an item, due now; returns its idempotency key.

    Committed before it returns, unless the caller holds a transaction open on `db`: then
    it commits (or rolls back) with the caller's work, which is what the caller wants.
    """
    _check(kind, payload)
    key = uuid.uuid4().hex
    text = json.dumps(payload, ensure_ascii=False)
    now = stamp(_now())
    with transaction(db):
        db.execute(
            "INSERT INTO outbox (key, kind, payload, created_at, next_attempt_at, state) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [key, kind, text, now, now, PENDING],
        )
    return key


def due(
    db: sqlite_utils.Database, kind: str, limit: int, now: datetime | None = None
) -> list[DueItem]:
    """Pending items of `kind` whose next attempt has come, oldest first."""
    rows = db.execute(
        "SELECT key, kind, created_at, attempts, payload FROM outbox "
        "WHERE state = ? AND kind = ? AND next_attempt_at <= ? "
        "ORDER BY next_attempt_at, created_at LIMIT ?",
        [PENDING, kind, stamp(now or _now()), limit],
    ).fetchall()
    return [DueItem(r[0], r[1], r[2], int(r[3]), json.loads(r[4])) for r in rows]


def delivered(db: sqlite_utils.Database, keys: Iterable[str]) -> int:
    """The other side acknowledged these: they leave the outbox."""
    keys = list(keys)
    with transaction(db):
        return sum(db.execute("DELETE FROM outbox WHERE key = ?", [key]).rowcount for key in keys)


def failed(
    db: sqlite_utils.Database,
    key: str,
    error: str,
    max_attempts: int,
    *,
    permanent: bool = False,
    now: datetime | None = None,
    rng: Callable[[], float] = random.random,
) -> str:
    """Record a failed attempt; returns the item's new state."""
    row = db.execute("SELECT attempts FROM outbox WHERE key = ?", [key]).fetchone()
    if row is None:
        return "gone"
    attempts = int(row[0]) + 1
    state = NEEDS_STAFF if permanent or attempts >= max_attempts else PENDING
    later = (now or _now()) + timedelta(seconds=RETRY_BACKOFF.delay(attempts, rng))
    db.execute(
        "UPDATE outbox SET attempts = ?, state = ?, next_attempt_at = ?, last_error = ? "
        "WHERE key = ?",
        [attempts, state, stamp(later), redact(error), key],
    )
    return state


def outbox_counts(db: sqlite_utils.Database) -> dict[str, int]:
    counts = {PENDING: 0, NEEDS_STAFF: 0}
    for state, count in db.execute("SELECT state, count(*) FROM outbox GROUP BY state"):
        counts[str(state)] = int(count)
    return counts


def retry(db: sqlite_utils.Database, key: str) -> None:
    """Staff's retry button: the item is pending again, due now, with a fresh set of tries."""
    changed = db.execute(
        "UPDATE outbox SET state = ?, attempts = 0, next_attempt_at = ? WHERE key = ?",
        [PENDING, stamp(_now()), key],
    ).rowcount
    if not changed:
        raise KeyError(f"no outbox item {key}")


def needs_staff(db: sqlite_utils.Database) -> list[OutboxItem]:
    rows = db.execute(
        "SELECT key, kind, created_at, attempts, next_attempt_at, state, last_error "
        "FROM outbox WHERE state = ? ORDER BY created_at",
        [NEEDS_STAFF],
    ).fetchall()
    return [OutboxItem(r[0], r[1], r[2], int(r[3]), r[4], r[5], r[6]) for r in rows]
