"""A QR code drawn offline (segno writes the PNG itself, no network, no native library)."""

from __future__ import annotations

import io

import segno
from PySide6.QtGui import QPixmap


def qr_pixmap(text: str, scale: int = 8) -> QPixmap:
    """Dark on white with the standard quiet zone, so any phone camera reads it."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=4)
    pixmap = QPixmap()
    if not pixmap.loadFromData(buffer.getvalue(), "PNG"):
        raise ValueError("the QR code could not be drawn")
    return pixmap
