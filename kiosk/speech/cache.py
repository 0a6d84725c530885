"""Already synthesised phrases, on disk and in memory.

A kiosk says the same few hundred phrases all day; synthesising them once and keeping the WAV
makes the first audio of a screen near-instant and spares the CPU. Only the kiosk's own fixed
texts may go to disk: audio of what a person typed or of their data is `private`, kept in
memory only and dropped by `forget_private` when their session ends.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import threading
import time
from collections import OrderedDict
from pathlib import Path

log = logging.getLogger(__name__)

_SUFFIX = ".wav.cache"
_DIGEST = 32  # bytes of sha256 stored in front of each entry to detect torn or damaged files


# Entries live in this subfolder of the configured cache folder. Versions before it wrote
# audio of typed texts too, straight into the folder: those are removed at start-up.
FOLDER = "fixed-texts-1"


def fixed_texts_folder(cache_dir: Path) -> Path:
    """The folder for this version's entries, with everything older in ``cache_dir`` removed."""
    cache_dir = Path(cache_dir)
    current = cache_dir / FOLDER
    try:
        with os.scandir(cache_dir) as it:
            old = [Path(e.path) for e in it if e.name != FOLDER]
    except FileNotFoundError:
        return current
    except OSError as exc:
        log.warning("speech cache folder unreadable, old entries not checked: %s", exc)
        return current
    for path in old:
        _remove_tree(path)
    if old:
        log.info("speech cache: %d entries of an older version removed", len(old))
    return current


def _remove_tree(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        with contextlib.suppress(OSError), os.scandir(path) as it:
            for entry in list(it):
                _remove_tree(Path(entry.path))
        with contextlib.suppress(OSError):
            path.rmdir()
        return
    with contextlib.suppress(OSError):
        path.unlink()


def phrase_key(voice: str, rate: int, text: str) -> str:
    """The cache key of a phrase: what changes the sound is the voice, the rate and the text."""
    material = "\x1f".join((voice, str(rate), text)).encode("utf-8")
    return hashlib.sha256(material).hexdigest()


class PhraseCache:
    """Bytes keyed by (voice, rate, text), capped in disk bytes with least-recently-used eviction.

    Recency is the file's modification time, refreshed on every hit, so it survives restarts
    and does not depend on the file system recording access times. A damaged or unreadable
    entry is a miss (and is removed); disk trouble never raises, the cache just stops helping.
    """

    def __init__(self, directory: Path, max_bytes: int, memory_entries: int = 256) -> None:
        if max_bytes < 0 or memory_entries < 0:
            raise ValueError("cache sizes must not be negative")
        self.directory = Path(directory)
        self.max_bytes = max_bytes
        self.memory_entries = memory_entries
        self._memory: OrderedDict[str, bytes] = OrderedDict()
        self._private: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._disk_bytes: int | None = None  # counted lazily: the first put scans the folder
        self._disk_ok = True
        self._last_stamp = 0
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning(
                "speech cache folder %s unusable, caching in memory only: %s", directory, exc
            )
            self._disk_ok = False

    def get(self, voice: str, rate: int, text: str) -> bytes | None:
        key = phrase_key(voice, rate, text)
        with self._lock:
            data = self._private.get(key)
            if data is not None:
                self._private.move_to_end(key)
                return data
            data = self._memory.get(key)
            if data is not None:
                self._memory.move_to_end(key)
                self._touch(key)
                return data
            data = self._read(key)
            if data is not None:
                self._remember(key, data)
            return data

    def put(self, voice: str, rate: int, text: str, data: bytes, *, private: bool = False) -> None:
        """Keep ``data``; a `private` phrase (anything not a fixed text) never touches disk."""
        key = phrase_key(voice, rate, text)
        with self._lock:
            if private:
                self._remember_private(key, data)
                return
            self._remember(key, data)
            self._write(key, data)

    def forget_private(self) -> None:
        """Drop every private phrase: the person they came from has gone."""
        with self._lock:
            self._private.clear()

    def __contains__(self, item: tuple[str, int, str]) -> bool:
        key = phrase_key(*item)
        with self._lock:
            return key in self._private or key in self._memory or self._path(key).is_file()

    def _path(self, key: str) -> Path:
        return self.directory / (key + _SUFFIX)

    def _remember(self, key: str, data: bytes) -> None:
        if self.memory_entries == 0:
            return
        self._memory[key] = data
        self._memory.move_to_end(key)
        while len(self._memory) > self.memory_entries:
            self._memory.popitem(last=False)

    def _remember_private(self, key: str, data: bytes) -> None:
        if self.memory_entries == 0:
            return
        self._private[key] = data
        self._private.move_to_end(key)
        while len(self._private) > self.memory_entries:
            self._private.popitem(last=False)

    def _touch(self, key: str) -> None:
        if self._disk_ok:
            self._stamp(self._path(key))

    def _stamp(self, path: Path) -> None:
        # Coarse file-system clocks (ext4 ticks every few ms) would give equal times to entries
        # used in a row; a strictly increasing stamp keeps their order exact.
        stamp = max(time.time_ns(), self._last_stamp + 1)
        self._last_stamp = stamp
        with contextlib.suppress(OSError):
            os.utime(path, ns=(stamp, stamp))

    def _read(self, key: str) -> bytes | None:
        if not self._disk_ok:
            return None
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("speech cache entry %s unreadable, ignored: %s", path.name, exc)
            return None
        digest, data = raw[:_DIGEST], raw[_DIGEST:]
        if len(raw) <= _DIGEST or hashlib.sha256(data).digest() != digest:
            log.warning("speech cache entry %s damaged, removed", path.name)
            self._discard(path)
            return None
        self._touch(key)
        return data

    def _write(self, key: str, data: bytes) -> None:
        size = _DIGEST + len(data)
        if not self._disk_ok or size > self.max_bytes:
            return
        path = self._path(key)
        tmp = path.with_name(f".{key}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            old = path.stat().st_size if path.exists() else 0
            with open(tmp, "wb") as f:
                f.write(hashlib.sha256(data).digest())
                f.write(data)
            # Readers see either the old whole entry or the new whole entry, never a torn one.
            os.replace(tmp, path)
            self._stamp(path)
        except OSError as exc:
            log.warning("speech cache could not store %s: %s", path.name, exc)
            with contextlib.suppress(OSError):
                tmp.unlink()
            return
        if self._disk_bytes is None:
            self._disk_bytes = self._scan_total()
        else:
            self._disk_bytes += size - old
        if self._disk_bytes > self.max_bytes:
            self._evict(keep=path)

    def _entries(self) -> list[tuple[float, int, Path]]:
        found: list[tuple[float, int, Path]] = []
        try:
            with os.scandir(self.directory) as it:
                for entry in it:
                    if not entry.name.endswith(_SUFFIX):
                        continue
                    with contextlib.suppress(OSError):
                        st = entry.stat()
                        found.append((st.st_mtime, st.st_size, Path(entry.path)))
        except OSError as exc:
            log.warning("speech cache folder unreadable: %s", exc)
        return found

    def _scan_total(self) -> int:
        return sum(size for _, size, _ in self._entries())

    def _evict(self, keep: Path) -> None:
        entries = sorted(self._entries(), key=lambda e: e[0])
        total = sum(size for _, size, _ in entries)
        for _, size, path in entries:
            if total <= self.max_bytes:
                break
            if path == keep:
                continue
            self._discard(path)
            total -= size
        self._disk_bytes = total

    def _discard(self, path: Path) -> None:
        with contextlib.suppress(OSError):
            path.unlink()
        key = path.name.removesuffix(_SUFFIX)
        self._memory.pop(key, None)
