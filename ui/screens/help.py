"""'I need help': a big, spoken confirmation, and a marker staff can see from across the room."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.i18n import N_
from ui import theme
from ui.context import UiContext
from ui.features import Feature
from ui.icons import icon
from ui.screens.base import Screen
from ui.widgets.spoken import SpokenToolButton


class HelpScreen(Screen):
    NAME = "help"
    TITLE = N_("A staff member is coming.")
    INSTRUCTION = N_("Please stay here. Someone from the agency will come to help you.")
    PICTOGRAM = "mdi6.hand-wave"
    TILE = Feature(
        N_("I need help"), N_("A staff member will come to you."), "mdi6.hand-wave", order=90
    )

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        picture = QLabel()
        picture.setPixmap(icon("mdi6.account-tie-voice", "title").pixmap(220, 220))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addStretch(1)
        self.layout_.addWidget(picture)
        self.back = SpokenToolButton(
            ctx, N_("Back to the start"), "mdi6.home", role="tile", icon_size=72
        )
        self.back.setMinimumSize(theme.TILE * 2, 140)
        self.back.clicked.connect(lambda: self.navigate.emit("home"))
        self.layout_.addWidget(self.back, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.layout_.addStretch(1)

    def shown(self) -> None:
        self.ctx.help_requested.emit(True)
