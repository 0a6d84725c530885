"""A real small disk for storage-fault tests: a tmpfs mounted in the test's folder, which can
be filled to the last byte while the kiosk runs on it.

Mounting needs root (as on CI and the kiosk's own test machines); without it the test fails
and says why, rather than pretending the fault was tried.
"""

from __future__ import annotations

import errno
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class SmallDisk:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._filler = path / ".filler"

    def fill(self) -> None:
        """Take every free byte, the way a log gone mad or a huge download would."""
        chunk = b"\0" * (1 << 20)
        with open(self._filler, "ab", buffering=0) as out:
            for size in (1 << 20, 1 << 12, 1):
                piece = chunk[:size]
                while True:
                    try:
                        out.write(piece)
                    except OSError as exc:
                        if exc.errno != errno.ENOSPC:
                            raise
                        break

    def free(self) -> None:
        self._filler.unlink(missing_ok=True)


@contextmanager
def small_disk(path: Path, size_mb: int) -> Iterator[SmallDisk]:
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_mb}m,mode=0700", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"storage-fault tests mount a tmpfs and need root: {done.stderr.strip()}"
        )
    try:
        yield SmallDisk(path)
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)
