"""'I've finished': the visit ends at once, with a goodbye seen and heard, and the wipe."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.i18n import N_
from ui.context import UiContext
from ui.screens.base import Screen


class GoodbyeScreen(Screen):
    NAME = "goodbye"
    TITLE = N_("Goodbye, and good luck!")
    INSTRUCTION = N_("Everything you did here has been erased. Thank you for coming.")
    PICTOGRAM = "mdi6.hand-wave"
    SECONDS = 9  # long enough to read and hear, short enough for the next person

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.layout_.addStretch(1)
        self.add_picture("mdi6.check-circle")
        self.layout_.addStretch(1)
