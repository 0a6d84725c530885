""" "I need help": counted, and announced to the agency hub through the outbox when there is one."""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from collections.abc import Callable

import sqlite_utils

from kiosk.staff import counters

log = logging.getLogger(__name__)


def request_help(
    store_db: sqlite_utils.Database,
    now: Callable[[], dt.datetime] | None = None,
) -> None:
    """Count a help request and, if the sync package is installed, queue a `hub_event`.

    The event holds only the time: nothing about the person. Never raises for the outbox:
    the person asking for help must get the confirmation whatever happens to the hub.
    """
    at = (now or (lambda: dt.datetime.now(dt.UTC)))()
    counters.count(store_db, counters.HELP_REQUESTS, day=at.date())
    try:
        outbox = importlib.import_module("kiosk.sync.outbox")
    except ImportError:
        log.info("help requested (no outbox: the hub is not told)")
        return
    try:
        outbox.enqueue(
            store_db,
            "hub_event",
            {"type": "help_request", "data": {"at": at.isoformat(timespec="seconds")}},
        )
    except Exception:
        log.exception("help request could not be queued for the hub")
    else:
        log.info("help requested; queued for the hub")


def cancel_help(
    store_db: sqlite_utils.Database,
    now: Callable[[], dt.datetime] | None = None,
) -> None:
    """The person no longer waits: the hub's marker for this kiosk can be cleared."""
    at = (now or (lambda: dt.datetime.now(dt.UTC)))()
    try:
        outbox = importlib.import_module("kiosk.sync.outbox")
        outbox.enqueue(
            store_db,
            "hub_event",
            {"type": "help_cancelled", "data": {"at": at.isoformat(timespec="seconds")}},
        )
    except Exception:
        log.exception("help cancellation could not be queued for the hub")
    else:
        log.info("help no longer needed; queued for the hub")
