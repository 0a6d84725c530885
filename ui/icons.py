"""Pictograms from a maintained icon set (Material Design Icons through qtawesome).

Icons take their role's text colour so they keep the same contrast as the words beside them.
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
from PySide6.QtGui import QIcon  # noqa: E402

from ui import theme  # noqa: E402


@cache
def icon(name: str, role: str = "button") -> QIcon:
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
