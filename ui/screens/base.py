"""What every screen declares: a title, a spoken introduction and a pictogram.

Screens get the services they need through their constructor (tests pass fakes) and never
build SQL or HTTP themselves.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.i18n import _
from ui import theme
from ui.context import UiContext
from ui.features import Feature
from ui.widgets.scroll import KineticScrollArea
from ui.widgets.spoken import TLabel

WIDE = 1600  # px: from here on a screen affords wide margins


class Screen(QWidget):
    """A page of the kiosk. Subclasses set NAME, TITLE, INSTRUCTION (message ids)."""

    NAME = ""
    TITLE = ""
    INSTRUCTION = ""
    PICTOGRAM = "mdi6.information-outline"
    TILE: Feature | None = None  # set to put a tile for this screen on the home screen
    navigate = Signal(str)  # ask the window to show another screen by NAME

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(self.NAME)
        # The screen's content scrolls when it is taller than the window: the window never
        # grows past the screen, whatever a screen, a language or large text asks for.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.content = QWidget()
        self.content.setObjectName(f"{self.NAME}-content")
        self.scroll = KineticScrollArea(self.content)
        outer.addWidget(self.scroll)
        self.layout_ = QVBoxLayout(self.content)
        self.layout_.setContentsMargins(48, 24, 48, 24)
        self.layout_.setSpacing(theme.SPACING)
        self.title = TLabel(ctx, lambda: self.title_text(), role="title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.instruction = TLabel(ctx, lambda: self.instruction_text(), role="instruction")
        self.instruction.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.instruction)
        ctx.language_changed.connect(self.retranslate)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # At 1280 px every pixel of width counts: the side margins narrow on small screens.
        margins = self.layout_.contentsMargins()
        side = 48 if event.size().width() >= WIDE else 24
        if margins.left() != side:
            self.layout_.setContentsMargins(side, margins.top(), side, margins.bottom())
        super().resizeEvent(event)

    def add_picture(self, name: str, size: int = 220) -> QLabel:
        """A large pictogram in the screen's column, for screens whose message is a picture."""
        from ui.icons import icon

        picture = QLabel()
        picture.setPixmap(icon(name, "title").pixmap(size, size))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(picture)
        return picture

    def title_text(self) -> str:
        return _(self.TITLE)

    def instruction_text(self) -> str:
        return _(self.INSTRUCTION)

    def spoken_intro(self) -> str:
        """What is said when the screen is shown (and by "Repeat")."""
        return f"{self.title_text()} {self.instruction_text()}".strip()

    def retranslate(self, *_args: object) -> None:
        """Refresh texts that are built, not plain message ids. Labels and buttons made with
        TLabel/SpokenButton retranslate themselves."""
        self.title.retranslate()
        self.instruction.retranslate()

    def shown(self) -> None:
        """Called by the window each time this screen comes to the front."""
