"""'I've finished': the visit ends at once, with a goodbye seen and heard, and the wipe."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.i18n import N_
from ui.context import UiContext
from ui.icons import icon
from ui.screens.base import Screen


class GoodbyeScreen(Screen):
    NAME = "goodbye"
    TITLE = N_("Goodbye, and good luck!")
    INSTRUCTION = N_("Everything you did here has been erased. Thank you for coming.")
    PICTOGRAM = "mdi6.hand-wave"
    SECONDS = 9  # long enough to read and hear, short enough for the next person

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        picture = QLabel()
        picture.setPixmap(icon("mdi6.check-circle", "title").pixmap(220, 220))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addStretch(1)
        self.layout_.addWidget(picture)
        self.layout_.addStretch(1)
