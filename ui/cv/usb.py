"""Finding USB sticks: mounted filesystems under /media or /run/media, or on a block device
the kernel calls removable. Pure functions over the mount table, so tests give a fake one."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

MEDIA_ROOTS = ("/media/", "/run/media/")


def _unescape(field: str) -> str:
    """/proc/mounts writes spaces and tabs in paths as octal escapes (\\040)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), field)


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """(device, mount point) for each line of /proc/mounts."""
    found = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            found.append((_unescape(parts[0]), _unescape(parts[1])))
    return found


def disk_of(device: str, disks: list[str]) -> str | None:
    """The whole disk a partition belongs to: /dev/sdb1 -> sdb, /dev/mmcblk0p1 -> mmcblk0."""
    name = os.path.basename(device)
    matches = [
        d
        for d in disks
        if name == d or (name.startswith(d) and name[len(d) :].lstrip("p").isdigit())
    ]
    return max(matches, key=len) if matches else None


def sys_block_removable(sys_block: Path = Path("/sys/block")) -> Callable[[str], bool]:
    """A test of /sys/block/DISK/removable for a device path."""
    try:
        disks = [p.name for p in sys_block.iterdir()]
    except OSError:
        disks = []

    def removable(device: str) -> bool:
        disk = disk_of(device, disks)
        if disk is None:
            return False
        try:
            return (sys_block / disk / "removable").read_text().strip() == "1"
        except OSError:
            return False

    return removable


def removable_mounts(mounts: str, removable: Callable[[str], bool]) -> list[Path]:
    """Mount points of USB sticks, in the mount table's order, each once."""
    found: list[Path] = []
    for device, point in parse_mounts(mounts):
        if not device.startswith("/dev/"):
            continue  # proc, tmpfs, overlay...: never a stick
        if point.startswith(MEDIA_ROOTS) or removable(device):
            path = Path(point)
            if path not in found:
                found.append(path)
    return found


def _windows_drives() -> list[Path]:
    import ctypes
    import string

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel.GetLogicalDrives()
    removable = 2  # DRIVE_REMOVABLE
    return [
        Path(f"{letter}:\\")
        for i, letter in enumerate(string.ascii_uppercase)
        if mask >> i & 1 and kernel.GetDriveTypeW(f"{letter}:\\") == removable
    ]


def drives() -> list[Path]:
    """USB sticks plugged in now, that the kiosk can write to."""
    if sys.platform == "win32":
        found = _windows_drives()
    else:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
        found = removable_mounts(mounts, sys_block_removable())
    return [p for p in found if os.access(p, os.W_OK)]
