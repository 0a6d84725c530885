"""The hub's France Travail pull: once per département for every kiosk, into PostgreSQL.

The kiosk's own code does the talking and the reading: `FranceTravailClient` (rate limit,
retries, deadlines), `fetch_all` (date windows, completeness checks), `offer_row` (what an
offer is, its département, its stored text), `refresh_references`, and the kiosk's rules
for believing a refresh (`MAX_REMOVED_SHARE`, `FEW_OFFERS`). Only where the offers land
differs: `hub_offers_offer`, each change numbered by `version`, a removal kept as a
tombstone, so kiosks fetch what changed since their last version (hub.offers.feed).

Offers wait in a TEMP table of this connection while fetching (minutes), compared with what
is stored as they arrive; the apply is one transaction, under an advisory lock. A France
Travail outage leaves every stored offer as it was: a failed or partial pull removes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import time
from collections.abc import Callable, Sequence
from typing import Any

import sqlite_utils
from django.db import connection, transaction
from django.utils import timezone

from hub.offers.models import VERSION_SEQUENCE, OfferFeed
from kiosk.catalogue.offers import BadOffer, offer_row
from kiosk.sync.francetravail import ApiSettings, FranceTravailClient
from kiosk.sync.pull import (
    FEW_OFFERS,
    MAX_REMOVED_SHARE,
    ORIGIN,
    PullReport,
    count_traffic,
    fetch_areas,
    utc_stamp,
)
from kiosk.sync.references import refresh_references

log = logging.getLogger(__name__)

DEPARTEMENT = re.compile(r"\d{2}|2A|2B|97\d")
# Session advisory lock: one pull at a time across every hub process (the schedule's claim).
PULL_LOCK = 0x6F66_6572  # "ofer"
# Transaction advisory lock: versions are drawn by one apply at a time (see models).
APPLY_LOCK = 0x6F66_6571
DEFAULT_INTERVAL = 3600.0
RETRY_AFTER_FAILURE = 600.0
WANTED_DAYS = 30  # a département a kiosk asked for is pulled this long after its last ask


def api_settings() -> ApiSettings | None:
    """The hub's France Travail credentials (HUB_FRANCETRAVAIL_*), or None: no relay pull."""
    env = os.environ
    client_id = env.get("HUB_FRANCETRAVAIL_CLIENT_ID", "")
    if not client_id:
        return None
    return ApiSettings(
        client_id=client_id,
        client_secret=env.get("HUB_FRANCETRAVAIL_CLIENT_SECRET", ""),
        token_url=env.get(
            "HUB_FRANCETRAVAIL_TOKEN_URL",
            "https://entreprise.francetravail.fr/connexion/oauth2/access_token",
        ),
        api_url=env.get(
            "HUB_FRANCETRAVAIL_API_URL", "https://api.francetravail.io/partenaire/offresdemploi"
        ).rstrip("/"),
        requests_per_second=int(env.get("HUB_FRANCETRAVAIL_REQUESTS_PER_SECOND", "3")),
        max_attempts=int(env.get("HUB_FRANCETRAVAIL_MAX_ATTEMPTS", "5")),
    )


def interval_seconds() -> float:
    return float(os.environ.get("HUB_OFFERS_INTERVAL", str(DEFAULT_INTERVAL)))


def configured_departements() -> list[str] | None:
    text = os.environ.get("HUB_FRANCETRAVAIL_DEPARTEMENTS", "").replace(",", " ").split()
    if not text:
        return None
    bad = [code for code in text if not DEPARTEMENT.fullmatch(code)]
    if bad:
        raise ValueError(f"HUB_FRANCETRAVAIL_DEPARTEMENTS: not a département code: {bad[0]!r}")
    return sorted(set(text))


def feed() -> OfferFeed:
    found, _ = OfferFeed.objects.get_or_create(id=1)
    return found


def departements(now: dt.datetime | None = None) -> list[str]:
    """HUB_FRANCETRAVAIL_DEPARTEMENTS if set; else those of the kiosks (`hub add-kiosk
    --departement`) and those kiosks asked for within WANTED_DAYS."""
    fixed = configured_departements()
    if fixed is not None:
        return fixed
    from hub.core.models import Kiosk

    now = now or timezone.now()
    found = set(
        Kiosk.objects.filter(revoked_at__isnull=True)
        .exclude(departement="")
        .values_list("departement", flat=True)
    )
    limit = now - dt.timedelta(days=WANTED_DAYS)
    for code, asked in feed().wanted.items():
        if dt.datetime.fromisoformat(asked) >= limit:
            found.add(code)
    return sorted(code for code in found if DEPARTEMENT.fullmatch(code))


class _Staging:
    """Offers as received, in a TEMP table: raw NULL when stored exactly so already."""

    def __init__(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS relay_staging")
            cursor.execute(
                "CREATE TEMP TABLE relay_staging "
                "(id text PRIMARY KEY, departement text NOT NULL, raw text)"
            )
        self.without_id = 0
        self.refused: list[str] = []

    def add(self, offers: list[Any]) -> None:
        received: dict[str, tuple[str, str]] = {}
        for offer in offers:
            if not isinstance(offer, dict) or offer.get("id") in (None, ""):
                self.without_id += 1
                continue
            try:
                # The kiosk's own reading: an offer it would refuse is not relayed.
                row = offer_row(offer, ORIGIN)
                if len(row["id"]) > 64:
                    raise BadOffer(f"offer id of {len(row['id'])} characters")
            except BadOffer as exc:
                self.refused.append(str(exc))
                log.warning("relay pull: skipped %s", exc)
                continue
            received[row["id"]] = (row["departement"] or "", row["raw"])
        if not received:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, raw FROM hub_offers_offer WHERE id = ANY(%s) AND NOT removed",
                [list(received)],
            )
            stored = dict(cursor.fetchall())
            cursor.executemany(
                "INSERT INTO relay_staging (id, departement, raw) VALUES (%s, %s, %s) "
                "ON CONFLICT (id) DO UPDATE SET departement = EXCLUDED.departement, "
                "raw = EXCLUDED.raw",
                [
                    (key, dep, None if stored.get(key) == raw else raw)
                    for key, (dep, raw) in received.items()
                ],
            )

    def count(self, unchanged: bool = False) -> int:
        where = " WHERE raw IS NULL" if unchanged else ""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM relay_staging{where}")
            return int(cursor.fetchone()[0])

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS relay_staging")


def pull(
    client: FranceTravailClient,
    codes: Sequence[str],
    *,
    now: Callable[[], dt.datetime] = timezone.now,
    force: bool = False,
) -> PullReport:
    """Fetch `codes` and apply them to the relayed offers; never raises for API trouble."""
    began = time.perf_counter()
    report = PullReport(areas={code: False for code in codes}, forced=force)
    staging = _Staging()
    try:
        fetch_areas(client, codes, report, staging.add)
        report.received = staging.count()
        report.skipped = staging.without_id + len(staging.refused)
        report.skipped_reasons.extend(staging.refused[:5])
        if not force:
            _hold_back(report)
        report.complete = report.error is None and all(report.areas.values())
        references: dict[str, list[dict[str, Any]]] = {}
        if report.error is None:
            references = _references(client, now())
        applying = time.perf_counter()
        _apply(report, list(codes), references, now())
        report.seconds_applying = time.perf_counter() - applying
    finally:
        staging.drop()
        count_traffic(report, client, began)
    return report


def _hold_back(report: PullReport) -> None:
    """The kiosk's rule: a "complete" refresh that would empty an area is not believed."""
    with connection.cursor() as cursor:
        for code, done in report.areas.items():
            if not done:
                continue
            cursor.execute(
                "SELECT count(*), count(*) FILTER (WHERE NOT EXISTS "
                "(SELECT 1 FROM relay_staging s WHERE s.id = o.id)) "
                "FROM hub_offers_offer o WHERE NOT o.removed AND o.departement = %s",
                [code],
            )
            held, gone = cursor.fetchone()
            if held > FEW_OFFERS and gone > held * MAX_REMOVED_SHARE:
                why = f"would remove {gone} of its {held} offers: kept until a forced pull"
                report.areas[code] = False
                report.held_back[code] = why
                log.warning("relay pull: département %s %s", code, why)
        if report.received == 0 and report.error is None and all(report.areas.values()):
            cursor.execute("SELECT count(*) FROM hub_offers_offer WHERE NOT removed")
            (offers,) = cursor.fetchone()
            if offers:
                why = f"no offer received at all: the {offers} offers relayed are kept"
                for code in report.areas:
                    report.areas[code] = False
                    report.held_back[code] = why


def _references(client: FranceTravailClient, moment: dt.datetime) -> dict[str, Any]:
    """The kiosk's `refresh_references`, its weekly schedule read from the hub's stamps (a
    throw-away SQLite `meta` table stands in for the catalogue's)."""
    stamps = sqlite_utils.Database(memory=True)
    stamps.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    for name, entry in feed().reference_lists.items():
        stamps.execute(
            "INSERT INTO meta VALUES (?, ?)", [f"ref_{name}_updated_at", entry["updated_at"]]
        )
    try:
        return refresh_references(client, stamps, moment)
    finally:
        stamps.conn.close()


def _apply(
    report: PullReport,
    codes: list[str],
    references: dict[str, list[dict[str, Any]]],
    moment: dt.datetime,
) -> None:
    stamp = utc_stamp(moment)
    complete_areas = [code for code, done in report.areas.items() if done]
    seq = f"nextval('{VERSION_SEQUENCE}')"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [APPLY_LOCK])
        cursor.execute(
            "INSERT INTO hub_offers_offer AS o (id, departement, raw, removed, version, "
            f"changed_at) SELECT id, departement, raw, false, {seq}, %s FROM relay_staging "
            "WHERE raw IS NOT NULL ORDER BY id "
            "ON CONFLICT (id) DO UPDATE SET departement = EXCLUDED.departement, "
            "raw = EXCLUDED.raw, removed = false, version = EXCLUDED.version, "
            "changed_at = EXCLUDED.changed_at "
            "WHERE o.removed OR o.raw IS DISTINCT FROM EXCLUDED.raw "
            "RETURNING (xmax = 0)",
            [moment],
        )
        written = [row[0] for row in cursor.fetchall()]
        report.added = sum(written)
        report.updated = len(written) - report.added
        report.unchanged = report.received - len(written)
        gone = "NOT o.removed AND NOT EXISTS (SELECT 1 FROM relay_staging s WHERE s.id = o.id)"
        tombstone = (
            f"UPDATE hub_offers_offer o SET removed = true, raw = NULL, version = {seq}, "
            f"changed_at = %s WHERE {gone}"
        )
        if report.complete:
            # Every area refreshed: offers of areas no longer pulled go too.
            cursor.execute(tombstone, [moment])
            report.removed = cursor.rowcount
        elif complete_areas:
            cursor.execute(f"{tombstone} AND o.departement = ANY(%s)", [moment, complete_areas])
            report.removed = cursor.rowcount
        row = OfferFeed.objects.select_for_update().get_or_create(id=1)[0]
        areas = dict(row.areas)
        if report.complete:  # areas no longer pulled were just emptied
            areas = {k: v for k, v in areas.items() if k in codes}
        row.areas = {**areas, **dict.fromkeys(complete_areas, stamp)}
        for name, items in references.items():
            row.reference_lists[name] = {"updated_at": stamp, "items": items}
            report.reference_lists[name] = len(items)
        row.save(update_fields=["areas", "reference_lists"])


# --- the schedule: any number of hub processes, one pull at a time ------------------------


def pull_now(force: bool = False) -> PullReport | None:
    """One pull of the hub's départements now (None: no credentials or no département)."""
    settings = api_settings()
    codes = departements()
    if settings is None or not codes:
        return None
    started = timezone.now()
    OfferFeed.objects.get_or_create(id=1)
    OfferFeed.objects.filter(id=1).update(last_started_at=started)
    with FranceTravailClient(settings) as client:
        report = pull(client, codes, force=force)
    summary = report.summary()
    summary["departements"] = codes
    with transaction.atomic():
        row = OfferFeed.objects.select_for_update().get(id=1)
        row.last_report = summary
        row.last_ok = report.complete
        row.last_finished_at = timezone.now()
        row.save(update_fields=["last_report", "last_ok", "last_finished_at"])
    level = logging.INFO if report.complete else logging.WARNING
    log.log(
        level,
        "relay pull %s: %d offers (+%d ~%d -%d) in %d requests%s",
        "complete" if report.complete else "INCOMPLETE",
        report.received,
        report.added,
        report.updated,
        report.removed,
        report.requests,
        f"; {report.error}" if report.error else "",
    )
    return report


def pull_if_due(interval: float | None = None) -> PullReport | None:
    """The scheduled pull, claimed by whichever hub process comes first once it is due.

    A session advisory lock is the claim: held for the whole pull, released if the process
    dies (its connection closes). After a failure the next try comes sooner.
    """
    interval = interval_seconds() if interval is None else interval
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [PULL_LOCK])
        if not cursor.fetchone()[0]:
            return None
    try:
        now = timezone.now()
        row = feed()
        if row.next_pull_at is not None and row.next_pull_at > now:
            return None
        report = pull_now()
        wait = interval if report is None or report.complete else min(interval, RETRY_AFTER_FAILURE)
        OfferFeed.objects.filter(id=1).update(
            next_pull_at=timezone.now() + dt.timedelta(seconds=wait)
        )
        return report
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [PULL_LOCK])


def want(codes: Sequence[str]) -> None:
    """Kiosks' départements the hub does not pull yet: pulled from the next pass, which is
    brought forward (only without HUB_FRANCETRAVAIL_DEPARTEMENTS)."""
    stamp = timezone.now().isoformat()
    OfferFeed.objects.get_or_create(id=1)
    with connection.cursor() as cursor:
        # One statement: kiosks asking at once each add theirs, none is lost.
        cursor.execute(
            "UPDATE hub_offers_feed SET next_pull_at = now(), wanted = wanted || %s::jsonb "
            "WHERE id = 1",
            [json.dumps(dict.fromkeys(codes, stamp))],
        )


def purge_tombstones(days: int = 35) -> int:
    """Tombstones older than `days` go; a kiosk whose version is older starts from nothing."""
    limit = timezone.now() - dt.timedelta(days=days)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [APPLY_LOCK])
        cursor.execute(
            "DELETE FROM hub_offers_offer WHERE removed AND changed_at < %s RETURNING version",
            [limit],
        )
        versions = [row[0] for row in cursor.fetchall()]
        if versions:
            OfferFeed.objects.get_or_create(id=1)
            cursor.execute(
                "UPDATE hub_offers_feed SET purged_version = greatest(purged_version, %s) "
                "WHERE id = 1",
                [max(versions)],
            )
    return len(versions)
