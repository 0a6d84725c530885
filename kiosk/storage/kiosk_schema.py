"""`kiosk.db`: what people made and what must not be lost. Migrated carefully, never rebuilt."""

from __future__ import annotations

import sqlite_utils

from kiosk.storage.database import Schema


def _v1(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        -- One walk-in person's visit. Rows go when the session ends unless kept.
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            started_at TEXT NOT NULL,
            language TEXT NOT NULL
        );
        -- What the person made during the visit (a CV draft, kept offers...), autosaved.
        CREATE TABLE session_items (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (session_id, kind)
        );
        """
    )


def _v2_outbox(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        -- What must be sent waits here until the other side acknowledges it.
        CREATE TABLE outbox (
            key TEXT PRIMARY KEY,            -- UUID idempotency key, sent with the item
            kind TEXT NOT NULL,              -- email, hub_event
            payload TEXT NOT NULL,           -- JSON
            created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending',   -- pending, needs_staff
            last_error TEXT
        );
        CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
        -- One row per sync pass, for staff and `kiosk status`.
        CREATE TABLE sync_runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            ok INTEGER,
            summary TEXT NOT NULL DEFAULT '{}'   -- JSON: counts, bytes, errors (no personal data)
        );
        """
    )


def _v3_spaces(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        -- "Keep my CV for next time": a space found by first name and a 6-digit secret code.
        CREATE TABLE spaces (
            id TEXT PRIMARY KEY,
            first_name_key TEXT NOT NULL,    -- normalised first name, to find candidates
            secret_hash TEXT NOT NULL,       -- scrypt, with its salt and parameters
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            created_at TEXT NOT NULL,
            last_used_at TEXT NOT NULL
        );
        CREATE INDEX spaces_name ON spaces(first_name_key);
        CREATE TABLE space_items (
            space_id TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,              -- cv, offers, ...
            payload TEXT NOT NULL,           -- JSON
            updated_at TEXT NOT NULL,
            PRIMARY KEY (space_id, kind)
        );
        """
    )


def _v4_staff(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        -- Settings staff change on the kiosk; they override the configuration file.
        CREATE TABLE staff_settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,             -- JSON
            updated_at TEXT NOT NULL
        );
        -- Anonymous daily counters: sessions, searches, prints... never who.
        CREATE TABLE counters (
            day TEXT NOT NULL,
            name TEXT NOT NULL,
            value INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (day, name)
        );
        CREATE TABLE staff_lock (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            failed INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT
        );
        """
    )


def _v5_space_lookup(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        -- A space is found by scrypt(first name, code) under this kiosk's salt, never by a
        -- first name in clear (kiosk.cv.spaces). NULL: a space made before, found the old way.
        ALTER TABLE spaces ADD COLUMN lookup TEXT;
        CREATE UNIQUE INDEX spaces_lookup ON spaces(lookup);
        -- Wrong codes are now limited for the whole kiosk; no space stays locked.
        UPDATE spaces SET failed_attempts = 0, locked_until = NULL;
        """
    )


KIOSK_SCHEMA = Schema(
    "kiosk.db",
    (_v1, _v2_outbox, _v3_spaces, _v4_staff, _v5_space_lookup),
    secure_delete=True,
)
