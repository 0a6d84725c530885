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
    at = (now or _utc_now)()
    counters.count(store_db, counters.HELP_REQUESTS, day=at.date())
    _tell_hub(store_db, "help_request", at)


def cancel_help(
    store_db: sqlite_utils.Database,
    now: Callable[[], dt.datetime] | None = None,
) -> None:
    """The person no longer waits: the hub's marker for this kiosk can be cleared."""
    _tell_hub(store_db, "help_cancelled", (now or _utc_now)())


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _tell_hub(store_db: sqlite_utils.Database, kind: str, at: dt.datetime) -> None:
    """Queue a hub event holding only the time; never raises (logged instead)."""
    try:
        outbox = importlib.import_module("kiosk.sync.outbox")
    except ImportError:
        log.info("%s (no outbox: the hub is not told)", kind)
        return
    try:
        outbox.enqueue(
            store_db, "hub_event", {"type": kind, "data": {"at": at.isoformat(timespec="seconds")}}
        )
    except Exception:
        log.exception("%s could not be queued for the hub", kind)
    else:
        log.info("%s queued for the hub", kind)
