"""Fonts for printed CVs: Noto Sans (Latin), Noto Sans Arabic, DejaVu Sans as a fallback.

QPdfWriter embeds the glyphs it draws (a subset of each font), so the PDF looks the same on
any computer and its text stays selectable. A character no installed font can draw (most
emoji: there is no colour emoji font on the kiosk) is left out of the print rather than
printed as an empty box; the CV itself keeps it.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

FAMILIES = ("Noto Sans", "Noto Sans Arabic", "DejaVu Sans", "Noto Sans Symbols2")


@cache
def families() -> tuple[str, ...]:
    available = set(QFontDatabase.families())
    found = tuple(f for f in FAMILIES if f in available)
    return found or (QFont().defaultFamily(),)


def base_font(pixel_size: float = 10.0) -> QFont:
    font = QFont()
    font.setFamilies(list(families()))
    font.setPixelSize(max(1, round(pixel_size)))
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


@cache
def _raw_fonts() -> tuple[QRawFont, ...]:
    # QRawFont asks the font file itself. QFontMetricsF.inFontUcs4 answers for the font plus
    # Qt's fallbacks, which include the icon fonts qtawesome registers: emoji would then pass
    # as drawable and print as icon glyphs.
    out = []
    for family in families():
        font = QFont(family)
        font.setPixelSize(12)
        out.append(QRawFont.fromFont(font))
    return tuple(out)


@cache
def drawable(character: str) -> bool:
    """Whether some installed font has a glyph for this character (controls: yes)."""
    if ord(character) < 0x2000 or unicodedata.category(character)[0] in "CZM":
        return True
    return any(raw.supportsCharacter(ord(character)) for raw in _raw_fonts())


def warm() -> None:
    """Read the font database on the UI thread, once: CVs are rendered on worker threads, and
    Qt's font database is not safe to fill from a worker while the UI thread draws (a worker
    crashed in its first render so)."""
    families()
    _raw_fonts()


def printable_text(text: str) -> str:
    """The text without characters no font can draw (emoji), spaces tidied."""
    if text.isascii():
        return text
    kept = "".join(c for c in text if drawable(c))
    kept = kept.replace("\ufe0f", "").replace("\u200d", "")
    return " ".join(kept.split()) if kept != text else text
