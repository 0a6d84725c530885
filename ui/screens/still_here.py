"""'Are you still there?': a spoken, visible countdown before the session ends and is wiped."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from kiosk.i18n import N_, format_number
from ui import theme
from ui.context import UiContext
from ui.screens.base import Screen
from ui.widgets.spoken import SpokenToolButton, TLabel


class StillHereScreen(Screen):
    NAME = "still_here"
    TITLE = N_("Are you still there?")
    INSTRUCTION = N_(
        "Touch the button to continue. If not, everything you did here will be erased."
    )
    PICTOGRAM = "mdi6.timer-sand"
    still_here = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.seconds = 0
        self.count = TLabel(ctx, lambda: format_number(self.seconds), role="countdown")
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = SpokenToolButton(
            ctx, N_("I am still here"), "mdi6.hand-back-right", role="tile", icon_size=96
        )
        self.button.setMinimumSize(theme.TILE * 2, 180)
        self.button.clicked.connect(self.still_here)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.count)
        self.layout_.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.layout_.addStretch(1)

    def set_seconds(self, seconds: int) -> None:
        self.seconds = seconds
        self.count.retranslate()
