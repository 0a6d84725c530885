"""First start: give `catalogue.db` its occupations and, for a demo kiosk, offers to show."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

import sqlite_utils

from kiosk.catalogue.demo import generate_demo_offers, load_towns
from kiosk.catalogue.offers import transaction, upsert_offers
from kiosk.catalogue.rome import load_rome, store_rome

DEMO_OFFER_COUNT = 3000
CatalogueKind = Literal["demo", "live", "empty"]


@dataclass(frozen=True)
class SeedReport:
    occupations_stored: int  # 0 when the catalogue already had them
    offers_stored: int
    seconds: float
    skipped: tuple[str, ...] = ()  # demo offers refused; always empty unless the generator broke


@dataclass(frozen=True)
class CatalogueInfo:
    offers: int
    occupations: int
    kind: CatalogueKind
    updated_at: str | None  # ISO 8601 UTC, when the offers were last replaced


def _count(db: sqlite_utils.Database, table: str) -> int:
    return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _meta(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def set_meta(db: sqlite_utils.Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def ensure_seeded(
    db: sqlite_utils.Database, *, demo: bool, today: date | None = None
) -> SeedReport:
    """Store the ROME occupations if missing and, when `demo`, demo offers if there are none.

    All in one transaction: a kiosk switched off halfway starts again from an empty catalogue,
    never from half of one. Running it again does nothing.
    """
    started = time.perf_counter()
    occupations_stored = offers_stored = 0
    skipped: list[str] = []
    with transaction(db):
        if _count(db, "occupations") == 0:
            rome = load_rome()
            store_rome(db, rome)
            occupations_stored = len(rome.occupations)
        if demo and _count(db, "offers") == 0:
            occupations = {
                str(code): str(label)
                for code, label in db.execute("SELECT code, label FROM occupations")
            }
            offers = generate_demo_offers(
                occupations,
                load_towns(),
                DEMO_OFFER_COUNT,
                today=today or date.today(),
            )
            result = upsert_offers(db, offers, origin="demo")
            offers_stored = result.inserted + result.updated
            skipped = result.skipped
            set_meta(db, "catalogue_kind", "demo")
            set_meta(db, "catalogue_updated_at", datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    return SeedReport(
        occupations_stored, offers_stored, time.perf_counter() - started, tuple(skipped)
    )


def catalogue_info(db: sqlite_utils.Database) -> CatalogueInfo:
    """What the catalogue holds, for the staff screen and the "demo data" banner."""
    offers = _count(db, "offers")
    occupations = _count(db, "occupations")
    stored_kind = _meta(db, "catalogue_kind")
    kind: CatalogueKind
    if offers == 0:
        kind = "empty"
    elif stored_kind == "demo":
        kind = "demo"
    else:
        # Offers that did not come from the demo generator came from a sync or an import.
        kind = "live"
    return CatalogueInfo(offers, occupations, kind, _meta(db, "catalogue_updated_at"))
