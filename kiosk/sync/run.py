"""One full sync pass: pull the offers, then deliver the outbox, and record it.

Opens its own connections (SQLite connections belong to one thread), so the CLI, the
scheduler's thread and tests all call the same function. Every pass is a `sync_runs` row:
started first, finished last, so a pass killed halfway shows as unfinished.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from kiosk.catalogue.schema import CATALOGUE_SCHEMA
from kiosk.config import Config
from kiosk.storage import Schema, connect, migrate, scrub
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA
from kiosk.sync import outbox
from kiosk.sync.backoff import Clock, Sleep
from kiosk.sync.deliver import DeliveryReport, deliver
from kiosk.sync.francetravail import ApiSettings, FranceTravailClient
from kiosk.sync.hub import HubClient, HubMailer, HubSettings, send_state
from kiosk.sync.mail import Mailer, SmtpSettings
from kiosk.sync.pull import PullReport, pull, utc_stamp
from kiosk.sync.relay import pull_from_hub

log = logging.getLogger(__name__)

CATALOGUE_FILE = "catalogue.db"
KIOSK_FILE = "kiosk.db"

# One delivery at a time in this process: the scheduler's delivery worker and a full pass
# (staff's "sync now") could otherwise both pick the same due item and send it twice.
_DELIVERY_LOCK = threading.Lock()


def routes(config: Config) -> frozenset[str]:
    """The outbox kinds this kiosk can deliver: what a screen may honestly offer to send."""
    found = set()
    hub = HubSettings.from_config(config) is not None
    if SmtpSettings.from_config(config) is not None or hub:  # without SMTP the hub relays
        found.add("email")
    if hub:
        found.add("hub_event")
    return frozenset(found)


@dataclass(frozen=True)
class SyncResult:
    ok: bool  # the pull completed, or no pull is configured
    reason: str  # one line for the technician
    pull: PullReport | None
    outbox: DeliveryReport
    started_at: str
    finished_at: str

    def summary(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "reason": self.reason,
            "pull": None if self.pull is None else self.pull.summary(),
            "outbox": self.outbox.summary(),
        }


def open_db(path: Path, schema: Schema) -> sqlite_utils.Database:
    """This thread's connection; the app already checked the file at start-up."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = connect(path, secure_delete=schema.secure_delete)
    try:
        migrate(db, schema)
    except BaseException:
        db.conn.close()
        raise
    return db


def outbox_reason(report: DeliveryReport, pending: int) -> str:
    """What the delivery really did, in one line: never "delivered" for what still waits."""
    parts = [f"outbox: {report.delivered} delivered"]
    if report.failed:
        parts.append(f"{report.failed} failed")
    if report.to_staff:
        parts.append(f"{report.to_staff} now need staff")
    parts.append(f"{pending} waiting")
    if report.not_configured and pending:  # only worth saying when something waits for it
        parts.append(f"no destination configured for {', '.join(sorted(report.not_configured))}")
    return ", ".join(parts)


def _reason(report: PullReport | None) -> str:
    if report is None:
        return "pull not configured (no francetravail.client_id)"
    if report.complete:
        return (
            f"pull complete: {report.received} offers (+{report.added} ~{report.updated} "
            f"-{report.removed}) in {report.requests} requests"
        )
    if report.error:
        return f"pull failed: {report.error}"
    partial = sorted(code for code, done in report.areas.items() if not done)
    return f"pull incomplete for département(s) {', '.join(partial)}: nothing removed"


def sync_once(
    config: Config,
    data_dir: Path,
    *,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
    rng: Callable[[], float] = random.random,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> SyncResult:
    catalogue = open_db(data_dir / CATALOGUE_FILE, CATALOGUE_SCHEMA)
    store = open_db(data_dir / KIOSK_FILE, KIOSK_SCHEMA)
    try:
        started = utc_stamp(now())
        run_id = store.execute("INSERT INTO sync_runs (started_at) VALUES (?)", [started]).lastrowid
        report: PullReport | None = None
        # The outbox first: what people asked to send must not wait behind a long or stuck
        # pull; then once more after it, for what was queued meanwhile.
        delivered = _deliver(config, store, now, rng)
        settings = ApiSettings.from_config(config)
        hub_settings = HubSettings.from_config(config)
        departements = config.get_list("francetravail.departements")
        if settings is not None:  # its own credentials: straight to France Travail
            with FranceTravailClient(settings, clock=clock, sleep=sleep, rng=rng) as client:
                report = pull(client, catalogue, departements, now=now)
        elif hub_settings is not None:  # none: the offers the hub pulled for its kiosks
            report = pull_from_hub(hub_settings, catalogue, departements, now=now)
        if report is not None:
            delivered = _merge(delivered, _deliver(config, store, now, rng))
        pending = outbox.outbox_counts(store).get(outbox.PENDING, 0)
        result = SyncResult(
            ok=report is None or report.complete,
            reason=f"{_reason(report)}; {outbox_reason(delivered, pending)}",
            pull=report,
            outbox=delivered,
            started_at=started,
            finished_at=utc_stamp(now()),
        )
        store.execute(
            "UPDATE sync_runs SET finished_at = ?, ok = ?, summary = ? WHERE id = ?",
            [result.finished_at, int(result.ok), json.dumps(result.summary()), run_id],
        )
        _log(result)
        return result
    finally:
        catalogue.conn.close()
        store.conn.close()


def _merge(first: DeliveryReport, second: DeliveryReport) -> DeliveryReport:
    return DeliveryReport(
        delivered=first.delivered + second.delivered,
        failed=first.failed + second.failed,
        to_staff=first.to_staff + second.to_staff,
        not_configured=sorted(set(first.not_configured) | set(second.not_configured)),
        errors=(first.errors + [e for e in second.errors if e not in first.errors])[:5],
        seconds=first.seconds + second.seconds,
    )


def _deliver(
    config: Config,
    store: sqlite_utils.Database,
    now: Callable[[], datetime],
    rng: Callable[[], float],
) -> DeliveryReport:
    smtp = SmtpSettings.from_config(config)
    hub_settings = HubSettings.from_config(config)
    hub = HubClient(hub_settings) if hub_settings else None
    try:
        mailer: Mailer | HubMailer | None = Mailer(smtp) if smtp else None
        if mailer is None and hub_settings is not None:
            mailer = HubMailer(hub_settings)
        with _DELIVERY_LOCK:
            report = deliver(
                store,
                mailer=mailer,
                hub=hub,
                max_attempts=config.get_int("sync.max_attempts"),
                now=now,
                rng=rng,
            )
        if hub is not None:
            send_state(hub, config, store)  # heartbeat and counters, never queued
        return report
    finally:
        if hub is not None:
            hub.close()


@dataclass(frozen=True)
class DeliveryResult:
    report: DeliveryReport
    pending: int  # items still waiting after this pass (due later, or with no destination)
    reason: str


def deliver_outbox(
    config: Config,
    data_dir: Path,
    *,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    rng: Callable[[], float] = random.random,
) -> DeliveryResult:
    """Only the outbox, on this thread's own connection: the scheduler calls it the moment
    something is queued, whatever the pull is doing."""
    store = open_db(data_dir / KIOSK_FILE, KIOSK_SCHEMA)
    try:
        report = _deliver(config, store, now, rng)
        pending = outbox.outbox_counts(store).get(outbox.PENDING, 0)
        if report.delivered:
            # A sent e-mail held a person's address and CV: once acknowledged it leaves the
            # write-ahead log too, not only the table.
            scrub(store)
    finally:
        store.conn.close()
    reason = outbox_reason(report, pending)
    (log.info if not report.failed else log.warning)("sync: %s", reason)
    return DeliveryResult(report, pending, reason)


def _log(result: SyncResult) -> None:
    p, o = result.pull, result.outbox
    if p is not None:
        log.info(
            "sync pull: %s; %d requests (%d retries, %d rate-limited), %.1f kB, %.1f s "
            "(%.1f s waiting, %.1f s in HTTP); offers received %d, added %d, updated %d, "
            "unchanged %d, removed %d (demo %d), skipped %d",
            "complete" if p.complete else "INCOMPLETE",
            p.requests,
            p.retries,
            p.rate_limited,
            p.bytes / 1000,
            p.seconds,
            p.seconds_waiting,
            p.seconds_in_http,
            p.received,
            p.added,
            p.updated,
            p.unchanged,
            p.removed,
            p.demo_removed,
            p.skipped,
        )
        for reason in p.skipped_reasons[:5]:
            log.info("sync pull: skipped %s", reason)
    log.info(
        "sync outbox: %d delivered, %d failed, %d now need staff, %.1f s%s%s",
        o.delivered,
        o.failed,
        o.to_staff,
        o.seconds,
        f"; not configured: {', '.join(o.not_configured)}" if o.not_configured else "",
        f"; errors: {' | '.join(o.errors[:3])}" if o.errors else "",
    )
    (log.info if result.ok else log.warning)("sync: %s", result.reason)
