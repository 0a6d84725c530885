"""The outbox's storage: keys, commits, backoff, the staff state, and what staff may see."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils

from kiosk.storage import connect, open_database
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA
from kiosk.sync import outbox
from kiosk.sync.outbox import OutboxItem, enqueue, needs_staff, outbox_counts, retry

EMAIL = {
    "to": "jeanne.martin@example.net",
    "subject": "Mon CV",
    "body": "Bonjour, voici mon CV.",
    "attachments": [
        {"filename": "cv.pdf", "content_type": "application/pdf", "data_b64": "JVBERi0="}
    ],
}
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def db(data_dir: Path) -> Iterator[sqlite_utils.Database]:
    database = open_database(data_dir / "kiosk.db", KIOSK_SCHEMA).db
    yield database
    database.conn.close()


def test_enqueue_returns_a_fresh_uuid_and_commits_before_returning(
    db: sqlite_utils.Database, data_dir: Path
) -> None:
    key = enqueue(db, "email", EMAIL)
    assert uuid.UUID(hex=key).version == 4 and key != enqueue(db, "email", EMAIL)
    other = connect(data_dir / "kiosk.db")  # another connection sees it: it is committed
    row = other.execute("SELECT kind, state, attempts, payload FROM outbox WHERE key = ?", [key])
    kind, state, attempts, payload = row.fetchone()
    other.conn.close()
    assert (kind, state, attempts, json.loads(payload)) == ("email", "pending", 0, EMAIL)
    assert outbox_counts(db) == {"pending": 2, "needs_staff": 0}


def test_enqueue_inside_the_callers_transaction_commits_with_it(db: sqlite_utils.Database) -> None:
    db.execute("BEGIN")
    enqueue(db, "hub_event", {"type": "help_request", "data": {"screen": "cv"}})
    db.execute("ROLLBACK")
    assert outbox_counts(db)["pending"] == 0


@pytest.mark.parametrize(
    ("kind", "payload"),
    [
        ("fax", {"to": "x"}),
        ("email", {"to": "a@b.c", "subject": "s"}),
        ("email", {**EMAIL, "attachments": [{"filename": "cv.pdf"}]}),
        ("hub_event", {"type": "counters"}),
        ("hub_event", {"type": 3, "data": {}}),
    ],
)
def test_enqueue_refuses_what_could_never_be_delivered(
    db: sqlite_utils.Database, kind: str, payload: dict[str, object]
) -> None:
    with pytest.raises(ValueError):
        enqueue(db, kind, payload)
    assert outbox_counts(db)["pending"] == 0


def test_failures_back_off_exponentially_with_a_cap_then_wait_for_staff(
    db: sqlite_utils.Database,
) -> None:
    key = enqueue(db, "email", EMAIL)
    delays = []
    for _ in range(11):
        state = outbox.failed(db, key, "SMTP 451", 12, now=T0, rng=lambda: 1.0)
        due = db.execute("SELECT next_attempt_at FROM outbox WHERE key = ?", [key]).fetchone()[0]
        delays.append(datetime.strptime(due, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC) - T0)
        assert state == "pending"
    assert delays[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert max(delays) == timedelta(hours=6) == delays[-1]
    assert outbox.failed(db, key, "SMTP 451", 12, now=T0) == "needs_staff"
    assert outbox_counts(db) == {"pending": 0, "needs_staff": 1}


def test_jitter_spreads_retries(db: sqlite_utils.Database) -> None:
    low, high = enqueue(db, "email", EMAIL), enqueue(db, "email", EMAIL)
    outbox.failed(db, low, "x", 10, now=T0, rng=lambda: 0.0)
    outbox.failed(db, high, "x", 10, now=T0, rng=lambda: 0.999)
    rows = dict(db.execute("SELECT key, next_attempt_at FROM outbox").fetchall())
    assert rows[low] < rows[high]
    assert outbox.due(db, "email", 10, T0 + timedelta(seconds=31)) == outbox.due(
        db, "email", 10, T0 + timedelta(seconds=59)
    )
    assert [i.key for i in outbox.due(db, "email", 10, T0 + timedelta(seconds=31))] == [low]


def test_a_permanent_refusal_goes_to_staff_at_once(db: sqlite_utils.Database) -> None:
    key = enqueue(db, "email", EMAIL)
    assert outbox.failed(db, key, "SMTP 554", 10, permanent=True, now=T0) == "needs_staff"


def test_staff_see_no_personal_data_and_can_retry(db: sqlite_utils.Database) -> None:
    key = enqueue(db, "email", EMAIL)
    error = "SMTP 550: <jeanne.martin@example.net> mailbox unavailable"
    outbox.failed(db, key, error, 1, now=T0)
    [item] = needs_staff(db)
    assert [f.name for f in fields(OutboxItem)] == [
        "key", "kind", "created_at", "attempts", "next_attempt_at", "state", "last_error",
    ]  # fmt: skip
    assert "jeanne" not in repr(item) and "CV" not in repr(item)
    assert item.last_error == "SMTP 550: <<address>> mailbox unavailable"
    retry(db, key)
    assert outbox_counts(db) == {"pending": 1, "needs_staff": 0}
    [due] = outbox.due(db, "email", 10)
    assert due.key == key and due.attempts == 0
    with pytest.raises(KeyError):
        retry(db, "no-such-key")


def test_delivered_items_leave_the_outbox(db: sqlite_utils.Database) -> None:
    keys = [enqueue(db, "hub_event", {"type": "heartbeat", "data": {}}) for _ in range(3)]
    assert outbox.delivered(db, [*keys[:2], "unknown"]) == 2
    assert [i.key for i in outbox.due(db, "hub_event", 10)] == keys[2:]
