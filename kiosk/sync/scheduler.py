"""The background sync while the app runs: never blocks the caller, stops promptly.

One worker thread syncs every `sync.interval_minutes` when the network answers (a quick TCP
probe first, so an offline kiosk costs a few seconds, not a string of timeouts), sooner
after a failure. A second worker delivers only the outbox: at once when `deliver_now()` says
something was queued, then again while items wait, so an e-mail or a help request never waits
behind a long or stuck pull. `stop()` wakes both from any wait, including backoff and
rate-limit sleeps inside a pull (they raise `Cancelled`); an HTTP call in flight ends within
its timeout.

    scheduler = Scheduler(config, data_dir)
    scheduler.start(); scheduler.run_now(); scheduler.deliver_now(); scheduler.stop()
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kiosk.config import Config
from kiosk.sync.backoff import Cancelled, Sleep, interruptible_sleep
from kiosk.sync.hub import HEARTBEAT_SECONDS
from kiosk.sync.run import DeliveryResult, SyncResult, deliver_outbox, sync_once

log = logging.getLogger(__name__)

RETRY_SECONDS = 300.0  # after a failed or offline pass, try again this soon (if sooner)
# While items wait, the delivery worker looks again this often: an item's own backoff decides
# whether it is tried, this only bounds how late a due item is noticed.
DELIVERY_RECHECK_SECONDS = 15.0
Runner = Callable[..., SyncResult]
Deliverer = Callable[[Config, Path], DeliveryResult]


@dataclass(frozen=True)
class Snapshot:
    """For the staff screen. Thread-safe copy; times are ISO 8601 UTC."""

    running: bool = False  # a pass is in progress
    started: bool = False  # the worker thread is alive
    online: bool | None = None  # the last probe's answer (None: not probed yet)
    last_ok: bool | None = None
    last_reason: str = ""
    last_finished_at: str | None = None
    last_summary: dict[str, Any] | None = None
    next_run_at: str | None = None
    delivering: bool = False
    outbox_pending: int | None = None  # after the last delivery (None: none yet)
    last_delivery: str = ""  # one line: what the last delivery did
    last_delivery_at: str | None = None


def probe_target(config: Config) -> tuple[str, int] | None:
    """The first configured destination, as (host, port)."""
    for key in ("francetravail.api_url", "hub.url"):
        if key == "francetravail.api_url" and not config.get_str("francetravail.client_id"):
            continue
        parts = urlsplit(config.get_str(key))
        if parts.hostname:
            return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
    if config.get_str("smtp.host"):
        return config.get_str("smtp.host"), config.get_int("smtp.port")
    return None


def network_answers(target: tuple[str, int] | None, timeout: float = 3.0) -> bool:
    if target is None:
        return True  # nothing remote to reach: a pass is local and cheap
    try:
        with socket.create_connection(target, timeout=timeout):
            return True
    except OSError:
        return False


class Scheduler:
    def __init__(
        self,
        config: Config,
        data_dir: Path,
        *,
        interval_seconds: float | None = None,
        retry_seconds: float = RETRY_SECONDS,
        runner: Runner = sync_once,
        probe: Callable[[], bool] | None = None,
        on_change: Callable[[Snapshot], None] | None = None,
        deliverer: Deliverer = deliver_outbox,
        delivery_recheck_seconds: float = DELIVERY_RECHECK_SECONDS,
    ) -> None:
        self.config, self.data_dir, self.runner = config, data_dir, runner
        self.deliverer = deliverer
        self.delivery_recheck = delivery_recheck_seconds
        self.interval = interval_seconds or config.get_int("sync.interval_minutes") * 60.0
        self.retry_seconds = min(retry_seconds, self.interval)
        # With a hub, the delivery worker also carries the heartbeat: it wakes that often.
        self.idle_delivery = (
            min(self.interval, HEARTBEAT_SECONDS) if config.get_str("hub.url") else self.interval
        )
        target = probe_target(config)
        self.probe = probe or (lambda: network_answers(target))
        self.on_change = on_change
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._pass_lock = threading.Lock()  # one pass at a time, thread or run_once
        self._state_lock = threading.Lock()
        self._snapshot = Snapshot()
        self._thread: threading.Thread | None = None
        self._deliver_wake = threading.Event()
        self._delivery_thread: threading.Thread | None = None

    # --- the API the app uses ---------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="kiosk-sync", daemon=True)
        self._thread.start()
        self._delivery_thread = threading.Thread(
            target=self._delivery_loop, name="kiosk-outbox", daemon=True
        )
        self._delivery_thread.start()
        self._update(started=True)

    def stop(self, timeout: float = 40.0) -> None:
        """Ask the worker to stop and wait for it (at most one HTTP timeout)."""
        self._stop.set()
        self._wake.set()
        self._deliver_wake.set()
        threads = (self._thread, self._delivery_thread)
        self._thread = self._delivery_thread = None
        deadline = time.monotonic() + timeout
        for thread in threads:
            if thread is not None:
                thread.join(max(0.0, deadline - time.monotonic()))
                if thread.is_alive():
                    log.warning(
                        "%s still finishing a network call after %.0f s", thread.name, timeout
                    )
        self._update(started=False)

    def deliver_now(self) -> None:
        """Something was queued: the delivery worker tries it at once (returns immediately)."""
        self._deliver_wake.set()

    def run_now(self) -> None:
        """Staff's "sync now": the worker starts a pass at once (returns immediately)."""
        self._wake.set()

    def snapshot(self) -> Snapshot:
        with self._state_lock:
            return self._snapshot

    def run_once(self, sleep: Sleep | None = None) -> SyncResult:
        """One pass in the caller's thread (the worker calls this too)."""
        with self._pass_lock:
            self._update(running=True)
            try:
                result = self.runner(
                    self.config, self.data_dir, sleep=sleep or interruptible_sleep(self._stop)
                )
            finally:
                self._update(running=False)
            self._update(
                last_ok=result.ok,
                last_reason=result.reason,
                last_finished_at=result.finished_at,
                last_summary=result.summary(),
            )
            return result

    # --- the worker -------------------------------------------------------------------------
    def _loop(self) -> None:
        while not self._stop.is_set():
            wait = self.retry_seconds
            try:
                online = self.probe()
                self._update(online=online)
                if online:
                    wait = self.interval if self.run_once().ok else self.retry_seconds
            except Cancelled:
                break
            except Exception as exc:  # the worker must outlive any one bad pass
                log.exception("sync pass failed")
                self._update(last_ok=False, last_reason=f"sync failed: {type(exc).__name__}")
            due = datetime.fromtimestamp(time.time() + wait, UTC)
            self._update(next_run_at=due.strftime("%Y-%m-%dT%H:%M:%SZ"))
            self._wake.wait(wait)
            self._wake.clear()

    def deliver_once(self) -> DeliveryResult:
        """One delivery in the caller's thread (the delivery worker calls this too)."""
        self._update(delivering=True)
        try:
            result = self.deliverer(self.config, self.data_dir)
        finally:
            self._update(delivering=False)
        self._update(
            outbox_pending=result.pending,
            last_delivery=result.reason,
            last_delivery_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        return result

    def _delivery_loop(self) -> None:
        while not self._stop.is_set():
            wait = self.idle_delivery
            try:
                if self.deliver_once().pending:
                    wait = self.delivery_recheck
            except Exception as exc:  # the worker must outlive any one bad delivery
                log.exception("outbox delivery failed")
                self._update(last_delivery=f"delivery failed: {type(exc).__name__}")
                wait = self.delivery_recheck
            self._deliver_wake.wait(wait)
            self._deliver_wake.clear()

    def _update(self, **changes: Any) -> None:
        with self._state_lock:
            self._snapshot = replace(self._snapshot, **changes)
            current = self._snapshot
        if self.on_change is not None:
            self.on_change(current)
