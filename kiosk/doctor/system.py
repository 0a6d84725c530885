"""Python, the data directory, free disk, both databases and the clock."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from kiosk import __version__
from kiosk.catalogue import catalogue_info
from kiosk.catalogue.schema import CATALOGUE_SCHEMA
from kiosk.doctor import Check, ok, problem, warning
from kiosk.staff.status import DiskUsageFn, disk_usage
from kiosk.storage import Schema
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA

MB = 1024 * 1024
DISK_PROBLEM_BYTES = 256 * MB  # below this the kiosk may fail to save what people make
DISK_WARNING_BYTES = 1024 * MB
CLOCK_FLOOR = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
CLOCK_CEILING = dt.datetime(2045, 1, 1, tzinfo=dt.UTC)
STALE_CATALOGUE_DAYS = 7

WriteProbe = Callable[[Path], str | None]


def python_check() -> Check:
    version = ".".join(str(v) for v in sys.version_info[:3])
    frozen = " (installed bundle)" if getattr(sys, "frozen", False) else ""
    text = f"Python {version}, kiosk {__version__}{frozen}"
    if sys.version_info[:2] != (3, 11):
        return warning("python", text, "the kiosk is built and tested on Python 3.11")
    return ok("python", text)


def try_write(folder: Path) -> str | None:
    """None if a file can be created in `folder`, else why not."""
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-", delete=True):
            pass
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def _existing_parent(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path(path.anchor or ".")


def data_dir_check(data_dir: Path, probe: WriteProbe = try_write) -> Check:
    if data_dir.exists() and not data_dir.is_dir():
        return problem(
            "data dir", f"{data_dir} is a file, not a folder", "set data_dir to a folder"
        )
    target = data_dir if data_dir.is_dir() else _existing_parent(data_dir)
    reason = probe(target)
    if reason is not None:
        return problem(
            "data dir",
            f"{target} is not writable ({reason}): nothing people make can be saved, no logs",
            f"give the kiosk's user write access (e.g. `chown -R kiosk: {target}`) or set data_dir",
        )
    if target != data_dir:
        return ok("data dir", f"{data_dir} does not exist yet; it is created at first start")
    return ok("data dir", f"{data_dir} is writable")


def disk_check(data_dir: Path, usage: DiskUsageFn = disk_usage) -> Check:
    where = _existing_parent(data_dir)
    try:
        found = usage(where)
    except OSError as exc:
        return warning("disk", f"free space on {where} unknown ({exc})")
    text = f"{found.free / MB:,.0f} MB free of {found.total / MB:,.0f} MB on {where}"
    advice = "free some space (old logs, *.corrupt-* files) or give the kiosk a bigger disk"
    if found.free < DISK_PROBLEM_BYTES:
        return problem("disk", text + ": saving may fail", advice)
    if found.free < DISK_WARNING_BYTES:
        return warning("disk", text + ": running low", advice)
    return ok("disk", text)


def _open_read_only(path: Path) -> sqlite_utils.Database:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5.0)
    return sqlite_utils.Database(conn)


def database_checks(path: Path, schema: Schema, quick: bool) -> list[Check]:
    name = schema.name
    checks: list[Check] = []
    aside = sorted(path.parent.glob(f"{path.name}.corrupt-*")) if path.parent.is_dir() else []
    if aside:
        checks.append(
            warning(
                name,
                f"{len(aside)} damaged cop{'y' if len(aside) == 1 else 'ies'} moved aside "
                f"(newest {aside[-1].name})",
                "keep them for analysis, then delete them to free space",
            )
        )
    if not path.exists():
        return [*checks, ok(name, f"{path} not created yet; it is created at first start")]
    size = path.stat().st_size / MB
    try:
        db = _open_read_only(path)
        try:
            rows = [
                r[0] for r in db.execute(f"PRAGMA {'quick_check' if quick else 'integrity_check'}")
            ]
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            info = catalogue_info(db) if schema is CATALOGUE_SCHEMA and rows == ["ok"] else None
        finally:
            db.conn.close()
    except sqlite3.Error as exc:
        return [
            *checks,
            problem(
                name,
                f"{path} cannot be read ({exc})",
                "the kiosk moves a damaged file aside at start; check permissions and the disk",
            ),
        ]
    if rows != ["ok"]:
        detail = "; ".join(str(r) for r in rows[:3])
        return [
            *checks,
            problem(
                name,
                f"{path} failed its integrity check ({detail})",
                "the kiosk will move it aside and start afresh at the next start; "
                "restore a backup if it held data you need",
            ),
        ]
    check = "quick check" if quick else "integrity check"
    text = f"{size:,.1f} MB, {check} ok, schema version {version}"
    if version > schema.version:
        checks.append(
            problem(
                name,
                f"{text}: written by a newer kiosk (this one knows up to {schema.version})",
                "install the newer kiosk again; this one uses an empty database in memory",
            )
        )
    elif version < schema.version:
        checks.append(
            warning(
                name,
                f"{text}: {schema.version - version} migration(s) to apply",
                "they run at the next start",
            )
        )
    else:
        checks.append(ok(name, text))
    if info is not None:
        checks.append(_catalogue_freshness(info.offers, info.kind, info.updated_at))
    return checks


def _catalogue_freshness(offers: int, kind: str, updated_at: str | None) -> Check:
    if kind == "empty":
        return warning(
            "catalogue", "no offers", "set francetravail.client_id to pull offers from the API"
        )
    if kind == "demo":
        return warning(
            "catalogue",
            f"{offers} demo offers (not real offers; labelled demo on screen)",
            "set francetravail.client_id and client_secret to pull real offers",
        )
    text = f"{offers} offers, updated {updated_at or 'at an unknown time'}"
    if updated_at:
        try:
            when = dt.datetime.fromisoformat(updated_at)
        except ValueError:
            return ok("catalogue", text)
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        age = dt.datetime.now(dt.UTC) - when
        if age > dt.timedelta(days=STALE_CATALOGUE_DAYS):
            return warning(
                "catalogue",
                f"{text}: {age.days} days old",
                "check the network and the sync (staff mode shows the last sync)",
            )
    return ok("catalogue", text)


def databases(data_dir: Path) -> list[Check]:
    return [
        *database_checks(data_dir / "kiosk.db", KIOSK_SCHEMA, quick=False),
        # A million offers: the full check would take long; start-up does a quick one too.
        *database_checks(data_dir / "catalogue.db", CATALOGUE_SCHEMA, quick=True),
    ]


def clock_check(now: dt.datetime, data_dir: Path) -> Check:
    shown = now.isoformat(timespec="seconds")
    advice = "set the time and turn on network time (`timedatectl set-ntp true`)"
    if now < CLOCK_FLOOR:
        return problem("clock", f"the clock says {shown}, before this kiosk existed", advice)
    if now > CLOCK_CEILING:
        return problem("clock", f"the clock says {shown}, far in the future", advice)
    newest = 0.0
    for name in ("kiosk.db", "kiosk.db-wal", "logs/kiosk.log"):
        try:
            newest = max(newest, os.stat(data_dir / name).st_mtime)
        except OSError:
            continue
    if newest and now.timestamp() < newest - 3600:
        written = dt.datetime.fromtimestamp(newest, dt.UTC).isoformat(timespec="seconds")
        return problem(
            "clock",
            f"the clock says {shown} but the kiosk wrote its files at {written}: it went back",
            advice,
        )
    return ok("clock", shown)
