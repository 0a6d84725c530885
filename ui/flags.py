"""Language badges drawn here, so they need no image files and stay sharp at any size.

French and English get their flags; Arabic is spoken in many countries, so it gets its
letter ع rather than one country's flag.
"""

from __future__ import annotations

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


def _arabic(p: QPainter) -> None:
    p.setBrush(QColor("#0b6b3a"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(QRectF(0, 0, W, H), 10, 10)
    p.setPen(QColor("#ffffff"))
    font = QFont()
    font.setFamilies(["Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans"])
    font.setPixelSize(48)
    font.setBold(True)
    p.setFont(font)
    p.drawText(QRectF(0, -4, W, H), Qt.AlignmentFlag.AlignCenter, "ع")


_DRAW = {"fr": _france, "en": _union_jack, "ar": _arabic}


def flag(code: str) -> QIcon:
    pixmap = QPixmap(W, H)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _DRAW.get(code, _arabic)(painter)
    painter.setPen(QPen(QColor("#1a1a1a"), 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(1, 1, W - 2, H - 2))
    painter.end()
    return QIcon(pixmap)


__all__ = ["flag"]
