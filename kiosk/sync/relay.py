"""Offers from the agency hub instead of France Travail (docs/hub-protocol.md, "Offers relay").

A kiosk with a hub and no France Travail credentials of its own asks the hub for the offers
that changed since the last version it applied, page after page (gzip on the wire), into a
TEMP staging table; then applies them to `catalogue.db` in one write transaction, exactly
as a direct pull does (kiosk.sync.pull): readers see the old catalogue or the new one. The
version reached is stored in the same transaction, so it always matches the offers kept.

Nothing is applied unless every page arrived: a hub unreachable halfway, a wrong answer or
a France Travail outage at the hub leaves the catalogue as it was. Offers are removed only
where the hub has refreshed the area completely (a snapshot) or says they were removed
(a tombstone); the demo offers go once every area of this kiosk is live at the hub.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import requests
import sqlite_utils

from kiosk.catalogue import transaction
from kiosk.catalogue.seed import set_meta
from kiosk.sync.http import (
    DEFAULT_DEADLINE,
    LimitExceeded,
    Limits,
    bounded_request,
    bounded_session,
    loads,
)
from kiosk.sync.hub import HubSettings
from kiosk.sync.pull import ORIGIN, PullReport, apply_staged

log = logging.getLogger(__name__)

OFFERS_PATH = "/api/v1/offers"
# A page is at most 8 MB of JSON at the hub: the cap applies to the decompressed answer.
MAX_PAGE_BYTES = 32 * 1024 * 1024
# 30,000 offers a page of 1,000 is 30 pages: this many means a hub that never says "done".
MAX_PAGES = 2000
META_VERSION = "hub_offers_version"
META_SOURCE = "hub_offers_source"
META_REFERENCES = "hub_references_at"


class RelayError(Exception):
    """The hub's answer cannot be used: nothing of this pass is applied."""


class _NoRelay(Exception):
    """This hub relays no offers (none pulled, or a hub from before the relay)."""


# A hub without France Travail credentials answers 404 no_relay; an older hub 404 or 405.
_NO_RELAY = frozenset({404, 405, 501})


@dataclass
class _Page:
    version: int
    more: bool
    full: bool
    areas: dict[str, str | None]
    relayed: list[str]
    pull_error: str | None
    references: dict[str, Any]


def _source(settings: HubSettings, codes: Sequence[str]) -> str:
    """What the stored version is a version *of*: another hub or other départements start
    again from nothing."""
    return f"{settings.url}|{settings.kiosk_id}|{','.join(sorted(codes))}"


def _meta(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


class _Staging:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        db.execute("DROP TABLE IF EXISTS temp.relay_staging")
        db.execute(
            "CREATE TEMP TABLE relay_staging (id TEXT PRIMARY KEY, removed INTEGER, raw TEXT)"
        )

    def add(self, rows: list[tuple[str, int, str | None]]) -> None:
        conn = self.db.conn
        conn.execute("BEGIN")  # TEMP only: the catalogue's write lock is not taken
        try:
            conn.executemany(
                "INSERT OR REPLACE INTO temp.relay_staging (id, removed, raw) VALUES (?, ?, ?)",
                rows,
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def drop(self) -> None:
        self.db.execute("DROP TABLE IF EXISTS temp.relay_staging")


def _read_page(content: bytes) -> tuple[_Page, list[tuple[str, int, str | None]]]:
    try:
        body = loads(content)
        offers = body["offers"]
        page = _Page(
            version=int(body["version"]),
            more=bool(body["more"]),
            full=bool(body["full"]),
            areas={str(k): (str(v) if v else None) for k, v in dict(body["areas"]).items()},
            relayed=[str(c) for c in body.get("relayed", [])],
            pull_error=(body.get("pull") or {}).get("error"),
            references=dict(body.get("references") or {}),
        )
        rows: list[tuple[str, int, str | None]] = []
        for item in offers:
            offer_id = item["id"]
            if not isinstance(offer_id, str) or not offer_id:
                raise ValueError("an offer without id")
            if item.get("removed"):
                rows.append((offer_id, 1, None))
            elif isinstance(item.get("offer"), dict):
                rows.append((offer_id, 0, json.dumps(item["offer"], ensure_ascii=False)))
            else:
                raise ValueError(f"offer {offer_id[:40]} has no content")
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise RelayError(f"the hub's answer is not the expected JSON ({exc})") from exc
    return page, rows


def pull_from_hub(
    settings: HubSettings,
    catalogue: sqlite_utils.Database,
    departements: Sequence[str],
    *,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    session: requests.Session | None = None,
) -> PullReport | None:
    """Fetch every change since the stored version, then apply; never raises for hub trouble.

    None when this hub relays no offers: the kiosk keeps its catalogue, as with no pull."""
    began = time.perf_counter()
    codes = sorted(set(departements))
    report = PullReport(areas=dict.fromkeys(codes, False))
    source = _source(settings, codes)
    since = int(_meta(catalogue, META_VERSION) or 0)
    if _meta(catalogue, META_SOURCE) != source:
        since = 0
    staging = _Staging(catalogue)
    own = session is None
    http = session or bounded_session()
    limits = Limits(DEFAULT_DEADLINE, MAX_PAGE_BYTES, settings.timeout)
    headers = {
        "Authorization": f"Bearer {settings.token}",
        "Accept": "application/json",
        "Accept-Encoding": "gzip",
    }
    try:
        first: _Page | None = None
        last: _Page | None = None
        version = since
        known_references = _meta(catalogue, META_REFERENCES) or ""
        for _ in range(MAX_PAGES):
            params = {
                "since": str(version),
                "departements": ",".join(codes),
                "references_since": known_references,
            }
            try:
                answer = bounded_request(
                    http,
                    "GET",
                    f"{settings.url}{OFFERS_PATH}",
                    limits,
                    params=params,
                    headers=headers,
                )
            except LimitExceeded as exc:
                raise RelayError(f"hub answer refused: {exc}") from exc
            except requests.RequestException as exc:
                raise RelayError(f"hub unreachable: {type(exc).__name__}") from exc
            report.requests += 1
            wire = answer.headers.get("Content-Length", "")
            report.bytes += int(wire) if wire.isdigit() else len(answer.content)
            if first is None and answer.status_code in _NO_RELAY:
                raise _NoRelay
            if answer.status_code != 200:
                raise RelayError(f"hub answered HTTP {answer.status_code}")
            page, rows = _read_page(answer.content)
            if first is None:
                first = page
            elif page.full and not first.full:
                # The hub purged what we were reading past: start again next pass.
                raise RelayError("the hub asked for a fresh start: next pass")
            staging.add(rows)
            if page.more and page.version <= version:
                raise RelayError("the hub's pages do not advance")
            version, last = page.version, page
            if not page.more:
                break
        else:
            raise RelayError(f"more than {MAX_PAGES} pages")
        assert first is not None and last is not None
        report.received = int(
            catalogue.execute(
                "SELECT count(*) FROM temp.relay_staging WHERE removed = 0"
            ).fetchone()[0]
        )
        for code in codes:
            report.areas[code] = bool(last.areas.get(code))
            if code not in last.relayed:
                report.held_back[code] = "not relayed by the hub yet"
        report.complete = bool(codes) and all(report.areas.values())
        if last.pull_error:
            log.warning("relay: the hub's last France Travail pull failed: %s", last.pull_error)
        applying = time.perf_counter()
        _apply(catalogue, report, first.full, version, source, last, first.references, now())
        report.seconds_applying = time.perf_counter() - applying
    except _NoRelay:
        log.info("relay: the hub relays no offers; the catalogue stays as it is")
        return None
    except RelayError as exc:
        report.error = f"hub: {exc}"
        report.complete = False
        log.warning("relay pull: nothing applied: %s", exc)
    finally:
        staging.drop()
        if own:
            http.close()
        report.seconds = report.seconds_in_http = time.perf_counter() - began
    return report


def _apply(
    db: sqlite_utils.Database,
    report: PullReport,
    full: bool,
    version: int,
    source: str,
    page: _Page,
    references: dict[str, Any],
    moment: datetime,
) -> None:
    done = [code for code, ok in report.areas.items() if ok]
    with transaction(db):
        apply_staged(
            db, "SELECT raw FROM temp.relay_staging WHERE removed = 0 ORDER BY rowid", report
        )
        removed = db.execute(
            "DELETE FROM offers WHERE origin = ? AND id IN "
            "(SELECT id FROM temp.relay_staging WHERE removed = 1)",
            [ORIGIN],
        ).rowcount
        not_sent = "id NOT IN (SELECT id FROM temp.relay_staging WHERE removed = 0)"
        if (
            full
            and report.received == 0
            and db.execute("SELECT count(*) FROM offers").fetchone()[0]
        ):
            # The direct pull's rule: an empty answer never empties a catalogue.
            for code in done:
                report.held_back[code] = "the hub sent no offer: the offers shown are kept"
            report.complete = False
        elif full and report.complete:
            removed += db.execute(
                f"DELETE FROM offers WHERE origin = ? AND {not_sent}", [ORIGIN]
            ).rowcount
        elif full and done:
            marks = ", ".join("?" * len(done))
            removed += db.execute(
                f"DELETE FROM offers WHERE origin = ? AND departement IN ({marks}) AND {not_sent}",
                [ORIGIN, *done],
            ).rowcount
        report.removed = removed
        if report.complete:
            report.demo_removed = db.execute("DELETE FROM offers WHERE origin = 'demo'").rowcount
            set_meta(db, "catalogue_kind", "live")
            # As fresh as the hub's oldest refresh of these areas, not as this fetch.
            set_meta(db, "catalogue_updated_at", min(str(page.areas[c]) for c in done))
        for code in done:
            set_meta(db, f"francetravail_refreshed_{code}", str(page.areas[code]))
        stamp = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        for name, entry in references.items():
            items = entry.get("items") if isinstance(entry, dict) else None
            if isinstance(items, list):
                set_meta(db, f"ref_{name}", json.dumps(items, ensure_ascii=False))
                set_meta(db, f"ref_{name}_updated_at", str(entry.get("updated_at") or stamp))
                report.reference_lists[name] = len(items)
        if any(isinstance(e, dict) for e in references.values()):
            newest = max(
                str(e.get("updated_at", "")) for e in references.values() if isinstance(e, dict)
            )
            set_meta(db, META_REFERENCES, newest)
        set_meta(db, META_VERSION, str(version))
        set_meta(db, META_SOURCE, source)
