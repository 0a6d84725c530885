"""One delivery pass over the outbox: hub events in batches, e-mails one by one.

An item leaves the outbox only when the other side acknowledged it. When a destination is
unreachable the pass stops trying it (the next pass will), so a dead network costs one
timeout, not one per item. An e-mail whose fate is uncertain (sent in full, answer lost) goes
to staff rather than out a second time (see kiosk.sync.mail).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from kiosk.sync import outbox
from kiosk.sync.hub import MAX_BATCH, HubClient, HubError, HubMailer
from kiosk.sync.mail import DeliveryError, Mailer
from kiosk.sync.privacy import redact

log = logging.getLogger(__name__)


@dataclass
class DeliveryReport:
    delivered: int = 0
    failed: int = 0
    to_staff: int = 0  # items that reached the "needs staff" state during this pass
    not_configured: list[str] = field(default_factory=list)  # kinds waiting for a destination
    errors: list[str] = field(default_factory=list)  # redacted, at most a few
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 3)
        data["errors"] = self.errors[:5]
        return data


@dataclass
class _Pass:
    db: sqlite_utils.Database
    max_attempts: int
    now: Callable[[], datetime]
    rng: Callable[[], float]
    report: DeliveryReport

    def fail(self, key: str, error: str, permanent: bool = False) -> None:
        state = outbox.failed(
            self.db,
            key,
            error,
            self.max_attempts,
            permanent=permanent,
            now=self.now(),
            rng=self.rng,
        )
        self.report.failed += 1
        if state == outbox.NEEDS_STAFF:
            self.report.to_staff += 1
        shown = redact(error)
        if shown not in self.report.errors:
            self.report.errors.append(shown)


def deliver(
    db: sqlite_utils.Database,
    *,
    mailer: Mailer | HubMailer | None,
    hub: HubClient | None,
    max_attempts: int,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    rng: Callable[[], float] = random.random,
    limit: int = 5000,
) -> DeliveryReport:
    began = time.perf_counter()
    work = _Pass(db, max_attempts, now, rng, DeliveryReport())
    if hub is None:
        work.report.not_configured.append("hub_event")
    else:
        _hub_events(work, hub, limit)
    if mailer is None:
        work.report.not_configured.append("email")
    else:
        try:
            _emails(work, mailer, limit)
        finally:
            mailer.close()
    work.report.seconds = time.perf_counter() - began
    return work.report


def _hub_events(work: _Pass, hub: HubClient, limit: int) -> None:
    sent = 0
    while sent < limit:
        batch = outbox.due(work.db, "hub_event", min(MAX_BATCH, limit - sent), work.now())
        if not batch:
            return
        sent += len(batch)
        try:
            answer = hub.send(batch)
        except HubError as exc:
            for item in batch:
                work.fail(item.key, str(exc))
            log.warning("hub: %s; %d event(s) will be retried", exc, len(batch))
            return
        work.report.delivered += outbox.delivered(work.db, answer.accepted)
        for item in batch:
            if item.key in answer.rejected:
                work.fail(item.key, f"hub rejected it: {answer.rejected[item.key]}", True)
            elif item.key not in answer.accepted:
                work.fail(item.key, "hub did not acknowledge it")


def _emails(work: _Pass, mailer: Mailer | HubMailer, limit: int) -> None:
    for item in outbox.due(work.db, "email", limit, work.now()):
        try:
            mailer.send(item.key, item.payload)
        except DeliveryError as exc:
            work.fail(item.key, str(exc), exc.permanent or exc.uncertain)
            if exc.connect:
                log.warning("smtp: %s; e-mails wait for the next pass", exc)
                return
            continue
        work.report.delivered += outbox.delivered(work.db, [item.key])
