"""A PDF is written only when all of it is on the device: for USB sticks and `kiosk cv render`.

QPdfWriter reports no write error: on a full stick it leaves an empty or cut-off file and
the caller would say "your CV is on your USB stick". So the PDF is rendered into a private
temporary folder first, checked to be whole, then copied with plain file writes (which do
raise on a full disk), flushed, fsynced, and its size on the device compared.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from kiosk.cv.model import CV
from ui.cv_pdf.render import RenderResult, render_pdf

Render = Callable[..., RenderResult]


def rendered(
    cv: CV, template: str, lang: str | None = None, render: Render = render_pdf
) -> tuple[bytes, RenderResult]:
    """The PDF's bytes, checked whole; OSError when rendering could not write all of it."""
    with tempfile.TemporaryDirectory(prefix="kiosk-pdf-") as folder:
        draft = Path(folder) / "cv.pdf"
        result = render(cv, draft, template, lang)
        data = draft.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:]:
        raise OSError(errno.EIO, f"the PDF was cut short ({len(data)} bytes)")
    return data, result


def write_whole(path: Path, data: bytes) -> None:
    """Write `data` to `path` (a file or a device), on disk when this returns, or OSError."""
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        try:
            os.fsync(handle.fileno())
        except OSError as exc:
            # Character devices and pipes cannot be synced; a file on a stick can.
            if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EROFS):
                raise
        info = os.fstat(handle.fileno())
        if stat.S_ISREG(info.st_mode) and info.st_size != len(data):
            raise OSError(errno.EIO, f"{info.st_size} of {len(data)} bytes written")


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` last through a power cut or a pulled stick (where possible)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # FAT file systems and Windows cannot sync a folder: the file itself is synced
    finally:
        os.close(fd)
