"""Load offers from a file in the France Travail API's JSON: what a technician brings on a USB
stick where there is no network, or what a script exported from the API.

The file is the API's answer (`{"resultats": [...]}`) or a plain list of offers. Offers are
upserted by id in one transaction; an odd offer is logged and skipped, never the whole file.

Once real offers are in, the demo offers go, in the same transaction: a person must never see
a fictional offer next to real ones and call an employer that does not exist. An import with
no usable offer changes nothing, so a wrong file cannot empty a demo kiosk either.

A file larger than `MAX_IMPORT_BYTES` is refused before it is read; offers too large or with
text that is not valid Unicode are skipped, long descriptions cut (kiosk.catalogue.offers).
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from kiosk.catalogue.offers import transaction, upsert_offers
from kiosk.catalogue.seed import set_meta

log = logging.getLogger(__name__)

# About 15,000 API offers (4 kB each): more than the few départements a kiosk serves.
MAX_IMPORT_BYTES = 64 * 1024 * 1024


class ImportFileError(Exception):
    """The file cannot be read as offers at all (missing, unreadable, not JSON, wrong shape)."""


@dataclass(frozen=True)
class ImportReport:
    inserted: int
    updated: int
    unchanged: int
    skipped: list[str] = field(default_factory=list)
    demo_removed: int = 0
    seconds: float = 0.0

    @property
    def stored(self) -> int:
        return self.inserted + self.updated + self.unchanged


def read_offers(path: Path, max_bytes: int = MAX_IMPORT_BYTES) -> list[Any]:
    too_large = (
        f"{path} is too large: at most {max_bytes / 1e6:g} MB of offers "
        "(split it, or keep only the départements of this kiosk)"
    )
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > max_bytes:
                raise ImportFileError(too_large)
            text = file.read(max_bytes + 1)  # a pipe or a growing file has no size to check
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if len(text) > max_bytes:
        raise ImportFileError(too_large)
    try:
        data = json.loads(text)
    except RecursionError as exc:
        raise ImportFileError(f"{path} is not JSON: nested too deeply") from exc
    except ValueError as exc:
        raise ImportFileError(f"{path} is not JSON: {exc}") from exc
    if isinstance(data, dict) and isinstance(data.get("resultats"), list):
        return list(data["resultats"])
    if isinstance(data, list):
        return data
    raise ImportFileError(f'{path}: expected {{"resultats": [...]}} or a list of offers')


def import_offers(db: sqlite_utils.Database, offers: list[Any]) -> ImportReport:
    """Upsert API-shaped offers with origin "import"; see the module's note on demo offers."""
    started = time.perf_counter()
    demo_removed = 0
    with transaction(db):
        result = upsert_offers(db, offers, origin="import")
        stored = result.inserted + result.updated + result.unchanged
        if stored:
            demo_removed = db.execute("DELETE FROM offers WHERE origin = 'demo'").rowcount
            set_meta(db, "catalogue_kind", "live")
            set_meta(db, "catalogue_updated_at", datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    for reason in result.skipped:
        log.info("import: skipped %s", reason)
    if result.skipped:
        log.warning(
            "import: %d offer(s) skipped, the first: %s", len(result.skipped), result.skipped[0]
        )
    return ImportReport(
        result.inserted,
        result.updated,
        result.unchanged,
        list(result.skipped),
        demo_removed,
        time.perf_counter() - started,
    )
