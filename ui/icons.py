"""Pictograms from a maintained icon set (Material Design Icons through qtawesome).

Icons take their role's text colour so they keep the same contrast as the words beside them.
Arrows and chevrons point the way the person reads: in Arabic and Persian (right to left)
"back" points right and "next" points left. Callers always name the left-to-right pictogram;
the icon itself picks its mirror from the application's layout direction each time it is
drawn, so a live language change flips every arrow already on screen.
"""

from __future__ import annotations

import sys
from functools import cache

# qtpy (under qtawesome) imports PySide6.QtOpenGL only to re-export QOpenGL* names, which
# costs a large part of start-up. Nothing here uses OpenGL and the installer leaves the
# module out (installer.spec), so mark it absent: qtpy handles that, and the kiosk starts
# the same way from source as from the bundle.
sys.modules.setdefault("PySide6.QtOpenGL", None)  # type: ignore[arg-type]

import qtawesome  # noqa: E402
from PySide6.QtCore import QRect, QSize, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPixmap  # noqa: E402

from ui import theme  # noqa: E402

_PAIRS = (
    ("arrow-left", "arrow-right"),
    ("arrow-left-bold", "arrow-right-bold"),
    ("arrow-left-circle", "arrow-right-circle"),
    ("chevron-left", "chevron-right"),
    ("chevron-double-left", "chevron-double-right"),
    ("menu-left", "menu-right"),
    ("page-first", "page-last"),
    ("backspace", "backspace-reverse"),
    ("backspace-outline", "backspace-reverse-outline"),
)
MIRRORED: dict[str, str] = {}
for _a, _b in _PAIRS:
    MIRRORED[f"mdi6.{_a}"], MIRRORED[f"mdi6.{_b}"] = f"mdi6.{_b}", f"mdi6.{_a}"


def _rtl() -> bool:
    return QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft


class _DirectionalEngine(QIconEngine):
    """Draws the left-to-right icon or its mirror, chosen at drawing time."""

    def __init__(self, ltr: QIcon, rtl: QIcon) -> None:
        super().__init__()
        self._ltr, self._rtl_icon = ltr, rtl

    def _now(self) -> QIcon:
        return self._rtl_icon if _rtl() else self._ltr

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._now().paint(painter, rect, Qt.AlignmentFlag.AlignCenter, mode, state)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self._now().pixmap(size, mode, state)

    def clone(self) -> QIconEngine:
        return _DirectionalEngine(self._ltr, self._rtl_icon)


@cache
def icon(name: str, role: str = "button") -> QIcon:
    if name in MIRRORED:
        return QIcon(_DirectionalEngine(_plain(name, role), _plain(MIRRORED[name], role)))
    return _plain(name, role)


@cache
def _plain(name: str, role: str) -> QIcon:
    colour = theme.ROLES.get(role, theme.ROLES["button"]).fg
    checked = theme.ROLES["chip-on"].fg  # a switched-on bar button turns blue: white icon
    return qtawesome.icon(
        name,
        color=colour,
        color_active=colour,
        color_on=checked,
        color_on_active=checked,
        color_disabled="#6b6b6b",
    )
