"""Facts for `kiosk doctor` that only Qt knows: screens, fonts, Arabic shaping, printers.

Runs in the doctor's child process (`kiosk doctor --qt-probe fr,en,ar`) and prints JSON.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

ARABIC_SAMPLE = "مرحبا"


def facts(languages: Sequence[str]) -> dict[str, Any]:
    import PySide6
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    from ui.theme import FONT_FAMILIES

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    screens = [
        {"name": s.name(), "width": s.size().width(), "height": s.size().height()}
        for s in QGuiApplication.screens()
    ]
    from kiosk.languages import LANGUAGES

    # The registry says which script each language is written in and which fonts it prefers.
    systems = {
        "latin": QFontDatabase.WritingSystem.Latin,
        "cyrillic": QFontDatabase.WritingSystem.Cyrillic,
        "arabic": QFontDatabase.WritingSystem.Arabic,
    }
    fonts: dict[str, Any] = {}
    for code in languages:
        known = LANGUAGES.get(code)
        if known is None or known.script not in systems:
            continue
        families = QFontDatabase.families(systems[known.script])
        wanted = dict.fromkeys((*known.fonts, *FONT_FAMILIES))
        preferred = [f for f in wanted if f in families]
        fonts[code] = {"families": len(families), "preferred": preferred}
    return {
        "pyside": PySide6.__version__,
        "qt": qVersion(),
        "platform": app.platformName(),
        "screens": screens,
        "fonts": fonts,
        "arabic": arabic_shaping()
        if any(LANGUAGES[c].script == "arabic" for c in languages if c in LANGUAGES)
        else None,
        **printers(),
    }


def arabic_shaping(text: str = ARABIC_SAMPLE) -> dict[str, Any]:
    """Lay out `text` as the kiosk would and compare the glyphs with the letters' own glyphs.

    A shaping engine joins Arabic letters into initial, medial and final forms, which are
    other glyphs than the isolated letters the font's character map gives.
    """
    from PySide6.QtGui import QFont, QTextLayout

    from ui.theme import FONT_FAMILIES

    font = QFont()
    font.setFamilies([*FONT_FAMILIES, "Noto Sans Arabic"])
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()
    shaped: list[int] = []
    nominal: list[int] = []
    families: list[str] = []
    for run in layout.glyphRuns():
        raw = run.rawFont()
        families.append(raw.familyName())
        shaped += list(run.glyphIndexes())
        nominal += [g for g in raw.glyphIndexesForString(text)]
    return {
        "family": ", ".join(dict.fromkeys(families)) or "none",
        "missing": sum(1 for g in shaped if g == 0),
        "shaped": bool(shaped) and sorted(shaped) != sorted(nominal),
    }


def printers() -> dict[str, Any]:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo
    except ImportError:
        return {"printers": None, "default_printer": ""}
    return {
        "printers": list(QPrinterInfo.availablePrinterNames()),
        "default_printer": QPrinterInfo.defaultPrinterName(),
    }
