"""Language badges drawn here, so they need no image files and stay sharp at any size.

French and English get their flags. Languages spoken in many countries (Arabic, Spanish,
Portuguese, Persian/Dari, Turkish, Romanian, Ukrainian for people from several places) get a
badge with their own letters rather than one country's flag, each in its own colour; a code
the kiosk does not know gets a plain grey badge with its code, never another language's.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

W, H = 96, 64


def _france(p: QPainter) -> None:
    for i, colour in enumerate(("#002654", "#ffffff", "#ce1126")):
        p.fillRect(QRectF(i * W / 3, 0, W / 3, H), QColor(colour))


def _union_jack(p: QPainter) -> None:
    p.fillRect(QRectF(0, 0, W, H), QColor("#012169"))
    for width, colour in ((14, "#ffffff"), (5, "#c8102e")):
        p.setPen(QPen(QColor(colour), width))
        p.drawLine(QPointF(0, 0), QPointF(W, H))
        p.drawLine(QPointF(W, 0), QPointF(0, H))
    p.setPen(Qt.PenStyle.NoPen)
    p.fillRect(QRectF(W / 2 - 10, 0, 20, H), QColor("#ffffff"))
    p.fillRect(QRectF(0, H / 2 - 10, W, 20), QColor("#ffffff"))
    p.fillRect(QRectF(W / 2 - 6, 0, 12, H), QColor("#c8102e"))
    p.fillRect(QRectF(0, H / 2 - 6, W, 12), QColor("#c8102e"))


def _letters(text: str, colour: str, size: int = 48) -> Callable[[QPainter], None]:
    def draw(p: QPainter) -> None:
        p.setBrush(QColor(colour))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawRoundedRect(QRectF(0, 0, W, H), 10, 10)
        p.setPen(QColor("#ffffff"))  # every colour below keeps white text at 7:1 or more
        font = QFont()
        font.setFamilies(["Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans", "DejaVu Sans"])
        font.setPixelSize(size)
        font.setBold(True)
        p.setFont(font)
        # Arabic letters sit low in their line box; Latin and Cyrillic ones do not.
        lift = -4 if text[0] >= "\u0600" else 0
        p.drawText(QRectF(0, lift, W, H), Qt.AlignmentFlag.AlignCenter, text)

    return draw


_DRAW: dict[str, Callable[[QPainter], None]] = {
    "fr": _france,
    "en": _union_jack,
    "ar": _letters("ع", "#0b5a31"),
    "es": _letters("Es", "#8a1c12", 40),
    "pt": _letters("Pt", "#1f4d1a", 40),
    "ro": _letters("Ro", "#0d3b7a", 40),
    "uk": _letters("Ук", "#0a4a8c", 40),
    "tr": _letters("Tr", "#8b1020", 40),
    "fa": _letters("د", "#4a2a6b"),
}


def flag(code: str, margin: int = 0) -> QIcon:
    """The badge of language ``code``; ``margin`` (in the badge's own W x H units) leaves clear
    space on both sides: a button puts its icon right against its text, and the side the
    text is on turns with the writing direction."""
    pixmap = QPixmap(W + 2 * margin, H)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(margin, 0)
    _DRAW.get(code, _letters(code.upper()[:3], "#4d4d4d", 36))(painter)
    painter.setPen(QPen(QColor("#1a1a1a"), 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(1, 1, W - 2, H - 2))
    painter.end()
    return QIcon(pixmap)


__all__ = ["flag"]
