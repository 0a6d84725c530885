"""`kiosk sync` and `kiosk status`: force a sync, see what the kiosk holds and owes."""

from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import sys
import threading

from kiosk import logs
from kiosk.catalogue.schema import CATALOGUE_SCHEMA
from kiosk.commands import load_config
from kiosk.storage import StorageError
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA
from kiosk.sync.run import CATALOGUE_FILE, KIOSK_FILE, open_db, sync_once
from kiosk.sync.scheduler import Scheduler
from kiosk.sync.status import status


def register(verbs: argparse._SubParsersAction) -> None:
    sync = verbs.add_parser("sync", help="pull offers from France Travail and deliver the outbox")
    sync.add_argument(
        "--once",
        action="store_true",
        help="one pass, then exit (0 when the pull completed or is not configured)",
    )
    sync.set_defaults(handler=_sync)
    show = verbs.add_parser("status", help="offers, freshness, last sync and outbox")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=_status)


def _sync(args: argparse.Namespace) -> int:
    config = load_config(args)
    logs.setup(config.data_dir / "logs", config.get_str("logging.level"))
    if args.once:
        try:
            result = sync_once(config, config.data_dir)
        except (sqlite3.Error, OSError, StorageError) as exc:
            # A database or disk problem, not the network: say so in one line, details logged.
            logging.getLogger(__name__).exception("sync pass failed")
            print(f"kiosk sync: failed: {type(exc).__name__}: {exc}")
            return 1
        print(f"kiosk sync: {result.reason}")
        return 0 if result.ok else 1
    # In the foreground, as the app would run it, until Ctrl-C.
    scheduler = Scheduler(config, config.data_dir, on_change=_print_change)
    scheduler.start()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        scheduler.stop()
    return 0


def _print_change(snapshot: object) -> None:
    reason = getattr(snapshot, "last_reason", "")
    if reason:
        print(f"kiosk sync: {reason}", flush=True)


def _status(args: argparse.Namespace) -> int:
    config = load_config(args)
    catalogue = open_db(config.data_dir / CATALOGUE_FILE, CATALOGUE_SCHEMA)
    store = open_db(config.data_dir / KIOSK_FILE, KIOSK_SCHEMA)
    try:
        data = status(catalogue, store)
    finally:
        catalogue.conn.close()
        store.conn.close()
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    last = data["last_sync"]
    print(f"offers: {data['offers']} ({data['catalogue_kind']})")
    print(f"offers updated on: {data['catalogue_updated_at'] or 'never'}")
    if last is None:
        print("last sync: never")
    else:
        ended = last["finished_at"] or "interrupted"
        print(f"last sync: {last['started_at']} -> {ended}: {last['reason'] or ''}")
    print(
        f"outbox: {data['outbox']['pending']} pending, {data['outbox']['needs_staff']} need staff"
    )
    return 0
