"""Everything a running kiosk needs, opened once and handed to the screens.

Start-up never stops for a damaged database or a missing voice: the kiosk serves people with
what works and lists the rest in `problems`, which staff see on the status line.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from kiosk import devices, logs
from kiosk.catalogue import catalogue_info, ensure_seeded
from kiosk.catalogue.schema import CATALOGUE_SCHEMA
from kiosk.config import Config
from kiosk.i18n import translator
from kiosk.session import Sessions
from kiosk.speech import Speaker, make_speaker
from kiosk.storage import Schema, StorageError, migrate, open_database
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA

log = logging.getLogger(__name__)

CATALOGUE_FILE = "catalogue.db"
KIOSK_FILE = "kiosk.db"


@dataclass
class Kiosk:
    config: Config
    data_dir: Path
    catalogue: sqlite_utils.Database
    store: sqlite_utils.Database  # kiosk.db
    sessions: Sessions
    speaker: Speaker
    problems: list[str] = field(default_factory=list)

    def catalogue_path(self) -> Path:
        return self.data_dir / CATALOGUE_FILE

    def status_line(self) -> str:
        """For staff: what is wrong, precisely, or an empty string."""
        faults = [self.sessions.fault] if self.sessions.fault else []
        return " | ".join(self.problems + faults + self.speaker.problems())

    def close(self) -> None:
        self.sessions.end()
        devices.forget_speech_source(self.speaker.problems)
        self.speaker.close()
        for db in (self.catalogue, self.store):
            db.conn.close()


def _open(path: Path, schema: Schema, problems: list[str], quick: bool) -> sqlite_utils.Database:
    try:
        opened = open_database(path, schema, quick_check=quick)
    except (StorageError, sqlite3.Error, OSError) as exc:
        # Keep serving people from memory; staff see why nothing is kept. The file itself is
        # left as it is: it may be healthy and only locked, read-only or on a full disk.
        reason = str(exc) if isinstance(exc, StorageError) else f"{schema.name}: {exc}"
        problems.append(f"{reason}; working from memory for this run, nothing is kept")
        log.error("%s cannot be used: %s", schema.name, exc)
        db = sqlite_utils.Database(sqlite3.connect(":memory:", isolation_level=None))
        migrate(db, schema)
        return db
    if opened.moved_aside is not None:
        problems.append(
            f"{schema.name} was damaged; moved aside to {opened.moved_aside.name} "
            "and started afresh"
        )
    return opened.db


# Only the kiosk's user may read what people made: databases, logs, spoken audio, PDFs.
PRIVATE_UMASK = 0o077
_PRIVATE_FOLDERS = ("logs", "speech-cache")


def make_private(data_dir: Path) -> None:
    """New files private from now on (umask), and what an older kiosk left readable closed.

    Only the data directory itself and the kiosk's own entries in it are changed: a data
    directory set to a shared folder by mistake keeps everything else as it was.
    """
    os.umask(PRIVATE_UMASK)
    if not data_dir.is_dir():
        return
    entries = [data_dir]
    for child in data_dir.iterdir():
        name = child.name
        if name.startswith((KIOSK_FILE, CATALOGUE_FILE)) or name in _PRIVATE_FOLDERS:
            entries.append(child)
            if child.is_dir() and not child.is_symlink():
                entries.extend(child.iterdir())
    for entry in entries:
        try:
            if entry.is_symlink():
                continue
            entry.chmod(0o700 if entry.is_dir() else 0o600)
        except OSError as exc:
            log.warning("cannot make %s private: %s", entry, exc)


def open_kiosk(
    config: Config,
    speaker_factory: Callable[[Config, Path], Speaker] | None = None,
    today: dt.date | None = None,
) -> Kiosk:
    data_dir = config.data_dir
    problems = list(config.problems)
    os.umask(PRIVATE_UMASK)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        problems.append(f"data directory {data_dir} cannot be created ({exc})")
    make_private(data_dir)
    logs.setup(data_dir / "logs", config.get_str("logging.level"))
    translator.set_language(config.get_str("language.default"))

    store = _open(data_dir / KIOSK_FILE, KIOSK_SCHEMA, problems, quick=False)
    # The catalogue may hold a million offers: a full integrity check would delay start-up.
    catalogue = _open(data_dir / CATALOGUE_FILE, CATALOGUE_SCHEMA, problems, quick=True)
    try:
        ensure_seeded(catalogue, demo=config.get_bool("catalogue.demo"), today=today)
    except (sqlite3.Error, OSError, ValueError) as exc:
        problems.append(f"catalogue could not be seeded ({exc})")
        log.exception("catalogue could not be seeded")

    sessions = Sessions(store)
    try:
        wiped = sessions.wipe_abandoned()
    except (sqlite3.Error, OSError) as exc:  # a read-only disk: wiped at the next good start
        problems.append(f"sessions left by the last run could not be wiped ({exc})")
        log.error("sessions left by the last run could not be wiped: %s", exc)
    else:
        if wiped:
            log.info("wiped %d session(s) left open by an interrupted run", wiped)

    speaker = (speaker_factory or default_speaker)(config, data_dir)
    # The heartbeat (sync thread, no Qt) tells the hub whether the voices work.
    devices.set_speech_source(speaker.problems)
    return Kiosk(config, data_dir, catalogue, store, sessions, speaker, problems)


def default_speaker(config: Config, data_dir: Path) -> Speaker:
    return make_speaker(
        enabled=config.get_bool("speech.enabled"),
        player_name=config.get_str("speech.player"),
        cache_dir=data_dir / "speech-cache",
        rate=config.get_int("speech.rate"),
        default_volume=config.get_int("speech.default_volume"),
        cache_bytes=config.get_int("speech.cache_mb") * 1024 * 1024,
        languages=config.get_list("language.enabled"),
    )


__all__ = ["Kiosk", "catalogue_info", "default_speaker", "open_kiosk"]
