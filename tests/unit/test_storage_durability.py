"""kiosk.db on real files: nothing of a person survives the wipe in any of its files, a commit
is on disk when it returns, the files are private, and a healthy file is never thrown away
because it merely could not be opened (locked, read-only, disk full)."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import config as config_module
from kiosk.catalogue.schema import CATALOGUE_SCHEMA
from kiosk.services import open_kiosk
from kiosk.session import Sessions
from kiosk.speech.fake import RecordingSpeaker
from kiosk.storage import StorageError, connect, migrate, open_database
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA
from kiosk.sync.run import open_db as sync_thread_db

# What one walk-in typed, as it would be autosaved step by step (a CV draft, kept offers).
PERSON = {
    "name": "Zéphyrine Quarterbridge",
    "phone": "06 87 45 12 39",
    "email": "zephyrine.quarterbridge@example.org",
    "town": "Montbrison-sur-Lignon",
    "employer": "Boulangerie Vaucanson-Tirebouchon",
}


def traces(folder: Path) -> dict[str, list[str]]:
    """Which of the person's values (and pieces of them) are found in which kiosk.db file."""
    needles = {v for value in PERSON.values() for v in (value, *value.split())} - {"06"}
    found: dict[str, list[str]] = {}
    for suffix in ("", "-wal", "-shm"):
        path = folder / f"kiosk.db{suffix}"
        data = path.read_bytes() if path.exists() else b""
        hits = sorted(n for n in needles if len(n) > 3 and n.encode() in data)
        if hits:
            found[path.name] = hits
    return found


def a_visit(sessions: Sessions) -> None:
    sessions.start("fr")
    draft: dict[str, str] = {}
    for key, value in PERSON.items():  # one step at a time, each committed
        draft[key] = value
        sessions.save("cv", draft)
    sessions.save("cv", {**draft, "phone": "06 87 45 12 40"})  # a corrected typo
    sessions.save("offers", ["kept", PERSON["town"]])


# --- finding 3: the WAL is part of the wipe --------------------------------------------------


def test_nothing_of_a_person_remains_in_any_file_after_the_session_ends(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    store = open_database(path, KIOSK_SCHEMA).db
    # The other connections a running kiosk has to the same file, idle at the wipe.
    ui_thread = connect(path, secure_delete=True)
    sync_thread = sync_thread_db(path, KIOSK_SCHEMA)
    sessions = Sessions(store)
    a_visit(sessions)
    assert ui_thread.execute("SELECT count(*) FROM session_items").fetchone()[0] == 2
    assert sync_thread.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
    assert traces(tmp_path), "the test must see the person while the session is open"
    sessions.end()
    assert traces(tmp_path) == {}
    assert (tmp_path / "kiosk.db-wal").stat().st_size == 0
    # The next person's saves still work on every connection.
    sessions.start("ar")
    sessions.save("cv", {"name": "x"})
    assert sync_thread.execute("SELECT count(*) FROM session_items").fetchone()[0] == 1


def test_sessions_a_crash_left_behind_leave_nothing_either(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    a_visit(Sessions(open_database(path, KIOSK_SCHEMA).db))
    # Power cut: no end(). The next start wipes what was left.
    fresh = Sessions(open_database(path, KIOSK_SCHEMA).db)
    assert fresh.wipe_abandoned() == 1
    assert traces(tmp_path) == {}


def test_a_reader_in_the_middle_delays_the_scrub_which_is_logged_and_finished_later(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "kiosk.db"
    sessions = Sessions(open_database(path, KIOSK_SCHEMA).db)
    a_visit(sessions)
    reader = sqlite3.connect(str(path), isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM session_items").fetchone()  # holds its snapshot
    with caplog.at_level(logging.WARNING, logger="kiosk.session"):
        sessions.end()
    assert any("could not" in r.getMessage() for r in caplog.records), caplog.text
    assert sessions.scrub() is False
    reader.execute("COMMIT")
    reader.close()
    assert sessions.scrub() is True
    assert traces(tmp_path) == {}


# --- finding 13: a commit is on disk when it returns -----------------------------------------


def test_every_connection_to_kiosk_db_syncs_each_commit(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    full, normal = 2, 1
    opened = open_database(path, KIOSK_SCHEMA).db
    assert opened.execute("PRAGMA synchronous").fetchone()[0] == full
    assert connect(path, secure_delete=True).execute("PRAGMA synchronous").fetchone()[0] == full
    sync = sync_thread_db(path, KIOSK_SCHEMA)
    assert sync.execute("PRAGMA synchronous").fetchone()[0] == full
    catalogue = open_database(tmp_path / "catalogue.db", CATALOGUE_SCHEMA).db
    assert catalogue.execute("PRAGMA synchronous").fetchone()[0] == normal
    assert connect(tmp_path / "catalogue.db").execute("PRAGMA synchronous").fetchone()[0] == normal


def test_the_running_kiosk_store_syncs_each_commit(data_dir: Path) -> None:
    kiosk = open_kiosk(config_module.load(None), speaker_factory=lambda _c, _d: RecordingSpeaker())
    try:
        assert kiosk.store.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert kiosk.store.execute("PRAGMA secure_delete").fetchone()[0] == 1
    finally:
        kiosk.close()


# --- finding 5: private files ----------------------------------------------------------------


def test_the_data_folder_and_its_files_are_private(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    data_dir.chmod(0o755)  # as an older kiosk left it
    old_umask = os.umask(0o022)
    try:
        kiosk = open_kiosk(
            config_module.load(None), speaker_factory=lambda _c, _d: RecordingSpeaker()
        )
        try:
            kiosk.sessions.start("fr")
            kiosk.sessions.save("cv", {"name": "x"})
            logging.getLogger("kiosk.test").error("a line in the log")
            (data_dir / "speech-cache").mkdir(exist_ok=True)
            (data_dir / "speech-cache" / "a.wav").write_bytes(b"RIFF")
            loose = list(data_dir.rglob("*"))
            assert {p.name for p in loose} >= {"kiosk.db", "kiosk.db-wal", "catalogue.db", "logs"}
            for p in [data_dir, *loose]:
                mode = stat.S_IMODE(p.stat().st_mode)
                assert mode & 0o077 == 0, f"{p.relative_to(data_dir.parent)} is {mode:o}"
        finally:
            kiosk.close()
    finally:
        os.umask(old_umask)


# --- finding 10: only a corrupt file is moved aside ------------------------------------------


def healthy(path: Path) -> bytes:
    sessions = Sessions(open_database(path, KIOSK_SCHEMA).db)
    sessions.start("fr")
    sessions.save("cv", {"name": "kept safe"})
    sessions._db.execute("INSERT INTO meta (key, value) VALUES ('marker', 'still here')")
    sessions._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    sessions._db.conn.close()
    return path.read_bytes()


def assert_untouched(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before
    assert not [p.name for p in path.parent.iterdir() if ".corrupt-" in p.name]


def test_a_locked_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    before = healthy(path)
    holder = sqlite3.connect(str(path), isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError, match="locked"):
            open_database(path, KIOSK_SCHEMA, timeout=0.2)
        assert_untouched(path, before)
    finally:
        holder.execute("COMMIT")
        holder.close()
    again = open_database(path, KIOSK_SCHEMA).db
    marker = again.execute("SELECT value FROM meta WHERE key = 'marker'").fetchone()
    assert marker[0] == "still here"


def test_a_kiosk_started_on_a_locked_database_serves_from_memory_and_says_why(
    data_dir: Path,
) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / "kiosk.db"
    before = healthy(path)
    holder = sqlite3.connect(str(path), isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        settings = config_module.load(None)
        kiosk = open_kiosk(settings, speaker_factory=lambda _c, _d: RecordingSpeaker())
        try:
            kiosk.sessions.start("fr")  # people are still served
            kiosk.sessions.save("cv", {"name": "in memory"})
            assert "kiosk.db" in kiosk.status_line() and "locked" in kiosk.status_line()
            assert "memory" in kiosk.status_line()
        finally:
            kiosk.close()
        assert_untouched(path, before)
    finally:
        holder.execute("COMMIT")
        holder.close()


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding a healthy kiosk.db that cannot be written, for root as for anyone."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        healthy(folder / "kiosk.db")
        (folder / "kiosk.db").chmod(0o400)
        folder.chmod(0o500)
        yield folder
        folder.chmod(0o700)
        return
    # Root writes through file modes: a read-only file system is the real thing.
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)])
    if mounted.returncode != 0:
        pytest.skip("running as root without the right to mount a read-only file system")
    try:
        healthy(folder / "kiosk.db")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_read_only_database_is_left_alone(read_only_folder: Path) -> None:
    path = read_only_folder / "kiosk.db"
    before = path.read_bytes()
    with pytest.raises(StorageError, match="left untouched"):
        open_database(path, KIOSK_SCHEMA, timeout=0.2)
    assert_untouched(path, before)


def test_a_read_only_file_in_a_writable_folder_is_not_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    before = healthy(path)
    if os.geteuid() == 0:
        # Root ignores file modes; an immutable file is read-only for root too.
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("cannot make a file read-only for root here")
    else:
        path.chmod(0o400)
    try:
        with pytest.raises(StorageError):
            open_database(path, KIOSK_SCHEMA, timeout=0.2)
        assert_untouched(path, before)
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=False)
        path.chmod(0o600)


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a full disk needs a small file system of its own (root)")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)]).returncode:
        pytest.skip("cannot mount a small file system here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_database_on_a_full_disk_is_left_alone(full_disk: Path) -> None:
    path = full_disk / "kiosk.db"
    before = healthy(path)
    for extra in ("kiosk.db-wal", "kiosk.db-shm"):
        (full_disk / extra).unlink(missing_ok=True)
    with open(full_disk / "filler", "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 4096)
        except OSError:
            pass
    with pytest.raises(StorageError, match="left untouched"):
        open_database(path, KIOSK_SCHEMA, timeout=0.2)
    assert_untouched(path, before)


def test_a_file_that_is_not_a_database_is_still_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    path.write_bytes(b"not a database at all " * 300)
    opened = open_database(path, KIOSK_SCHEMA)
    assert opened.moved_aside is not None and opened.moved_aside.exists()


def test_two_connections_migrating_a_new_file_at_once_do_not_collide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app and the sync thread open a fresh kiosk.db at the same moment: the second read
    version 0 just before the first migrated it (seen as 'table spaces already exists')."""
    from kiosk.storage import database

    path = tmp_path / "kiosk.db"
    first = connect(path, secure_delete=True)
    second = connect(path, secure_delete=True)
    migrate(first, KIOSK_SCHEMA)
    real = database.user_version
    reads: list[int] = []

    def stale_first_read(db: object) -> int:
        reads.append(1)
        return 0 if len(reads) == 1 else real(db)  # type: ignore[arg-type]

    monkeypatch.setattr(database, "user_version", stale_first_read)
    assert migrate(second, KIOSK_SCHEMA) == 0
    assert real(second) == KIOSK_SCHEMA.version


def test_logs_are_private_whoever_set_them_up(tmp_path: Path) -> None:
    from kiosk import logs

    folder = tmp_path / "logs"
    folder.mkdir(mode=0o755)
    (folder / "kiosk.log.1").write_text("an older kiosk's log\n")
    (folder / "kiosk.log.1").chmod(0o644)
    old_umask = os.umask(0o022)  # a command started by hand, before any umask was set
    try:
        logs.setup(folder)
        logging.getLogger("kiosk.test").warning("written")
    finally:
        os.umask(old_umask)
        logs.setup(None)
    for p in (folder, folder / "kiosk.log", folder / "kiosk.log.1"):
        assert stat.S_IMODE(p.stat().st_mode) & 0o077 == 0, p.name
