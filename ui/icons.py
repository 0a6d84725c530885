"""Pictograms from a maintained icon set (Material Design Icons through qtawesome).

Icons take their role's text colour so they keep the same contrast as the words beside them.
"""

from __future__ import annotations

from functools import cache

import qtawesome
from PySide6.QtGui import QIcon

from ui import theme


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
