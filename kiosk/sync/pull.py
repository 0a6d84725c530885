"""One pull: fetch the configured départements, then apply it to `catalogue.db` atomically.

Fetching can take minutes (the API allows a few requests a second), so offers wait in a
temporary staging table of this connection, not in the catalogue. Applying is one write
transaction: readers (WAL) keep seeing the old catalogue until the commit, then the new one,
never half of each. A process killed before the commit leaves the catalogue as it was.

Only a *complete* refresh of an area removes that area's offers it did not return (they
expired). When every area is complete, offers of areas no longer configured and the demo
offers go too, and the catalogue becomes "live".

A complete refresh is still not believed when it would remove more than half of an area that
had more than a handful of offers (a search answering 204 for everything, a broken filter):
offers do not expire that fast. The area is then held back (nothing removed, the report says
why) unless staff force the pull. Likewise a pull that received no offer at all never
replaces the demo catalogue by an empty one unless forced. An offer that cannot be stored
(no id, invalid Unicode, too large) is skipped and logged; a search whose answers stay
unreadable is skipped (its départements incomplete), and the others go on.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from kiosk.catalogue import transaction, upsert_offers
from kiosk.catalogue.offers import BadOffer, offer_raw
from kiosk.catalogue.seed import set_meta
from kiosk.sync.francetravail import FranceTravailClient, UnreadableAnswer
from kiosk.sync.oauth import ApiError
from kiosk.sync.references import refresh_references
from kiosk.sync.search import fetch_all

log = logging.getLogger(__name__)

ORIGIN = "francetravail"
MAX_DEPARTEMENTS_PER_REQUEST = 5  # the API's limit
_APPLY_BATCH = 1000
# An area loses at most this share of its offers in one pass without staff forcing it...
MAX_REMOVED_SHARE = 0.5
# ...once it has more offers than this (a tiny area can honestly go from 3 offers to 1).
FEW_OFFERS = 10


@dataclass
class PullReport:
    complete: bool = False
    areas: dict[str, bool] = field(default_factory=dict)  # département -> refreshed completely
    received: int = 0  # distinct offers the API returned
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0  # expired live offers and offers of areas no longer configured
    demo_removed: int = 0
    skipped: int = 0
    skipped_reasons: list[str] = field(default_factory=list)  # ids and field names only
    held_back: dict[str, str] = field(default_factory=dict)  # area -> why nothing was removed
    forced: bool = False
    reference_lists: dict[str, int] = field(default_factory=dict)
    requests: int = 0
    bytes: int = 0
    retries: int = 0
    rate_limited: int = 0
    seconds: float = 0.0
    seconds_waiting: float = 0.0
    seconds_in_http: float = 0.0
    seconds_applying: float = 0.0  # the one write transaction
    error: str | None = None

    def summary(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("seconds", "seconds_waiting", "seconds_in_http", "seconds_applying"):
            data[key] = round(data[key], 3)
        data["skipped_reasons"] = data["skipped_reasons"][:5]
        return data


def chunks(codes: Sequence[str], size: int = MAX_DEPARTEMENTS_PER_REQUEST) -> list[list[str]]:
    return [list(codes[i : i + size]) for i in range(0, len(codes), size)]


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Staging:
    """Offers as received, keyed by id, in a TEMP table: on disk, not in memory, and private.

    An offer already stored exactly as received is staged without its text (raw NULL): it
    only counts as seen. Comparing now, while the rate limit leaves time to spare, keeps the
    write transaction of a daily refresh (mostly unchanged offers) short.
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        db.execute("DROP TABLE IF EXISTS temp.pull_staging")
        db.execute("CREATE TEMP TABLE pull_staging (id TEXT PRIMARY KEY, raw TEXT)")
        self.without_id = 0
        self.refused: list[str] = []  # offers that cannot be stored: ids and reasons only

    def add(self, offers: list[Any]) -> None:
        received: dict[str, str] = {}
        for offer in offers:
            if not isinstance(offer, dict) or offer.get("id") in (None, ""):
                self.without_id += 1
                continue
            try:
                # The same text `offer_row` stores, so equal text means an unchanged offer.
                _, raw = offer_raw(offer)
            except BadOffer as exc:
                self.refused.append(str(exc))
                log.warning("pull: skipped %s", exc)
                continue
            received[str(offer["id"]).strip()] = raw
        if not received:
            return
        marks = ", ".join("?" * len(received))
        stored = dict(
            self.db.execute(
                f"SELECT id, raw FROM offers WHERE origin = ? AND id IN ({marks})",
                [ORIGIN, *received],
            ).fetchall()
        )
        rows = [(k, None if stored.get(k) == raw else raw) for k, raw in received.items()]
        # DEFERRED, writing only TEMP: the catalogue's write lock is never taken here.
        conn = self.db.conn
        conn.execute("BEGIN")
        try:
            conn.executemany(
                "INSERT OR REPLACE INTO temp.pull_staging (id, raw) VALUES (?, ?)", rows
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def count(self, unchanged: bool = False) -> int:
        where = " WHERE raw IS NULL" if unchanged else ""
        query = f"SELECT count(*) FROM temp.pull_staging{where}"
        return int(self.db.execute(query).fetchone()[0])

    def drop(self) -> None:
        self.db.execute("DROP TABLE IF EXISTS temp.pull_staging")


def pull(
    client: FranceTravailClient,
    catalogue: sqlite_utils.Database,
    departements: Sequence[str],
    *,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    force: bool = False,
) -> PullReport:
    """Fetch and apply; never raises for API trouble (the report says what happened).

    `force` (staff only): apply a complete refresh even when it removes most of an area, or
    leaves an empty catalogue (see the module's note).
    """
    began = time.perf_counter()
    report = PullReport(areas={code: False for code in departements}, forced=force)
    staging = _Staging(catalogue)
    try:
        fetch_areas(client, departements, report, staging.add)
        report.received = staging.count()
        report.skipped = staging.without_id + len(staging.refused)
        report.skipped_reasons.extend(staging.refused[:5])
        if not force:
            _hold_back(catalogue, report)
        report.complete = report.error is None and all(report.areas.values())
        references: dict[str, list[dict[str, Any]]] = {}
        if report.error is None:
            references = refresh_references(client, catalogue, now())
        applying = time.perf_counter()
        _apply(catalogue, staging, report, references, now())
        report.seconds_applying = time.perf_counter() - applying
    finally:
        staging.drop()
        count_traffic(report, client, began)
    return report


def fetch_areas(
    client: FranceTravailClient,
    departements: Sequence[str],
    report: PullReport,
    add: Callable[[list[Any]], None],
) -> None:
    """Every offer of `departements`, a few départements at a time, through `add` (a page at
    a time); `report.areas` says which came complete. An API error stops the pull
    (`report.error`): what came stays staged. Shared by the kiosk's own pull and the hub's
    relay, so both treat the API alike."""
    for group in chunks(list(departements)):
        params = {"departement": ",".join(group), "sort": "1"}
        try:
            fetched = fetch_all(client, params, add)
        except UnreadableAnswer as exc:
            # This search's answers cannot be read (the same every pass, likely): its
            # départements stay incomplete, the others are still refreshed.
            log.warning("pull of départements %s skipped: %s", ",".join(group), exc)
            continue
        except ApiError as exc:
            report.error = str(exc)
            log.warning("pull of départements %s stopped: %s", ",".join(group), exc)
            break
        for code in group:
            report.areas[code] = fetched.complete
        log.info(
            "pull: départements %s fetched (%s, %d date windows)",
            ",".join(group),
            "complete" if fetched.complete else "INCOMPLETE: " + "; ".join(fetched.reasons),
            fetched.windows,
        )


def count_traffic(report: PullReport, client: FranceTravailClient, began: float) -> None:
    """What the pull cost on the wire and in time, from the client's own counters."""
    traffic = client.traffic
    report.requests, report.bytes = traffic.requests, traffic.bytes
    report.retries, report.rate_limited = traffic.retries, traffic.rate_limited
    report.seconds_waiting = traffic.seconds_waiting
    report.seconds_in_http = traffic.seconds_in_http
    report.seconds = time.perf_counter() - began


def _hold_back(db: sqlite_utils.Database, report: PullReport) -> None:
    """Mark incomplete the areas a complete refresh would empty beyond belief."""
    for code, done in report.areas.items():
        if not done:
            continue
        held, gone = db.execute(
            "SELECT count(*), coalesce(sum(id NOT IN (SELECT id FROM temp.pull_staging)), 0) "
            "FROM offers WHERE origin = ? AND departement = ?",
            [ORIGIN, code],
        ).fetchone()
        if held > FEW_OFFERS and gone > held * MAX_REMOVED_SHARE:
            why = f"would remove {gone} of its {held} offers: kept until staff force a pull"
            report.areas[code] = False
            report.held_back[code] = why
            log.warning("pull: département %s %s", code, why)
    if report.received == 0 and report.error is None and all(report.areas.values()):
        (offers,) = db.execute("SELECT count(*) FROM offers").fetchone()
        if offers:
            why = f"no offer received at all: the {offers} offers shown are kept"
            for code in report.areas:
                report.areas[code] = False
                report.held_back[code] = why
            log.warning("pull: %s until staff force a pull", why)


def apply_staged(db: sqlite_utils.Database, query: str, report: PullReport) -> None:
    """Store the staged offers `query` selects (their raw JSON, one column), in batches so a
    whole catalogue never sits in memory, and count them in `report`. The caller holds the
    write transaction. Used by the direct pull and the hub relay's."""
    cursor = db.execute(query)
    while batch := cursor.fetchmany(_APPLY_BATCH):
        result = upsert_offers(db, [json.loads(row[0]) for row in batch], origin=ORIGIN)
        report.added += result.inserted
        report.updated += result.updated
        report.unchanged += result.unchanged
        report.skipped += len(result.skipped)
        report.skipped_reasons.extend(result.skipped[:5])


def _apply(
    db: sqlite_utils.Database,
    staging: _Staging,
    report: PullReport,
    references: dict[str, list[dict[str, Any]]],
    moment: datetime,
) -> None:
    stamp = utc_stamp(moment)
    complete_areas = [code for code, done in report.areas.items() if done]
    with transaction(db):
        report.unchanged = staging.count(unchanged=True)
        apply_staged(
            db, "SELECT raw FROM temp.pull_staging WHERE raw IS NOT NULL ORDER BY rowid", report
        )
        not_seen = "id NOT IN (SELECT id FROM temp.pull_staging)"
        if report.complete:
            report.removed = db.execute(
                f"DELETE FROM offers WHERE origin = ? AND {not_seen}", [ORIGIN]
            ).rowcount
            report.demo_removed = db.execute("DELETE FROM offers WHERE origin = 'demo'").rowcount
            set_meta(db, "catalogue_kind", "live")
            set_meta(db, "catalogue_updated_at", stamp)
        elif complete_areas:
            marks = ", ".join("?" * len(complete_areas))
            report.removed = db.execute(
                f"DELETE FROM offers WHERE origin = ? AND departement IN ({marks}) AND {not_seen}",
                [ORIGIN, *complete_areas],
            ).rowcount
        for code in complete_areas:
            set_meta(db, f"francetravail_refreshed_{code}", stamp)
        for name, items in references.items():
            set_meta(db, f"ref_{name}", json.dumps(items, ensure_ascii=False))
            set_meta(db, f"ref_{name}_updated_at", stamp)
            report.reference_lists[name] = len(items)
