"""What staff and `kiosk status` see: offers, freshness, the last sync, the outbox."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from kiosk.catalogue import catalogue_info
from kiosk.sync.outbox import outbox_counts


def last_sync(store: sqlite_utils.Database) -> dict[str, Any] | None:
    row = store.execute(
        "SELECT started_at, finished_at, ok, summary FROM sync_runs ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    try:
        summary = json.loads(row[3])
    except ValueError:
        summary = {}
    return {
        "started_at": row[0],
        "finished_at": row[1],  # None: the pass was interrupted (or is running)
        "ok": None if row[2] is None else bool(row[2]),
        "reason": summary.get("reason") if isinstance(summary, dict) else None,
        "summary": summary,
    }


def status(catalogue: sqlite_utils.Database, store: sqlite_utils.Database) -> dict[str, Any]:
    info = catalogue_info(catalogue)
    return {
        "offers": info.offers,
        "catalogue_kind": info.kind,
        "catalogue_updated_at": info.updated_at,
        "last_sync": last_sync(store),
        "outbox": outbox_counts(store),
    }
