"""The API's reference lists (communes with postcodes, départements, contract types).

They change rarely: fetched again after a week, stored as JSON in the catalogue's `meta`
table (`ref_<name>`, `ref_<name>_updated_at`) with the pull's transaction. A failure here
never makes a pull incomplete: the offers matter, the lists have last week's copy. An item
whose text is not valid Unicode (a lone surrogate, which SQLite cannot store) is dropped.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils

from kiosk.sync.francetravail import FranceTravailClient
from kiosk.sync.oauth import ApiError

log = logging.getLogger(__name__)

REFERENCE_LISTS = ("communes", "departements", "typesContrats")
MAX_AGE = timedelta(days=7)
_KEEP = ("code", "libelle", "codePostal", "codeDepartement")


def _due(db: sqlite_utils.Database, name: str, moment: datetime) -> bool:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [f"ref_{name}_updated_at"]).fetchone()
    if row is None:
        return True
    try:
        last = datetime.strptime(str(row[0]), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return True
    return moment - last >= MAX_AGE


def refresh_references(
    client: FranceTravailClient, db: sqlite_utils.Database, moment: datetime
) -> dict[str, list[dict[str, Any]]]:
    """The lists that were due and could be fetched, trimmed to the fields the kiosk uses."""
    fetched: dict[str, list[dict[str, Any]]] = {}
    for name in REFERENCE_LISTS:
        if not _due(db, name, moment):
            continue
        try:
            items = client.reference_list(name)
        except ApiError as exc:
            log.warning("reference list %s not refreshed: %s", name, exc)
            break
        kept = [
            {k: item[k] for k in _KEEP if isinstance(item.get(k), str)}
            for item in items
            if isinstance(item.get("code"), str)
        ]
        fetched[name] = [item for item in kept if _storable(item)]
        if len(fetched[name]) < len(kept):
            log.warning(
                "reference list %s: %d item(s) with invalid text dropped",
                name,
                len(kept) - len(fetched[name]),
            )
    return fetched


def _storable(item: dict[str, str]) -> bool:
    try:
        for value in item.values():
            value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
