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


KIOSK_SCHEMA = Schema("kiosk.db", (_v1,), secure_delete=True)
