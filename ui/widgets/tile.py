"""The big pictogram tile whose words wrap onto more lines instead of being cut (a
QToolButton draws its text on one line and elides it). Its colours and the size of its words
come from the theme (`QToolButton[role="tile"] QLabel`), so large text enlarges them too.

    tile = Tile(ctx, N_("Find a job"), "mdi6.briefcase-search", hint=N_("..."))
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPaintEvent
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionToolButton,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from ui.context import UiContext
from ui.icons import icon
from ui.widgets.spoken import SpokenToolButton, Text


class WordsInside:
    """For a spoken button that draws its picture and words as labels in its own layout: the
    words follow the language, and the layout (not the one-line text) decides the size.
    Mixed in before the Qt button class; `self.words` is set by the subclass."""

    words: QLabel | None = None

    def retranslate(self, *_args: object) -> None:
        super().retranslate()  # type: ignore[misc]
        if self.words is not None:  # the button's set-up runs before the subclass's
            self.words.setText(self.text())  # type: ignore[attr-defined]
            self.updateGeometry()  # type: ignore[attr-defined]

    def sizeHint(self) -> QSize:
        layout = self.layout()  # type: ignore[attr-defined]
        return layout.sizeHint() if layout is not None else super().sizeHint()  # type: ignore[misc]

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()  # type: ignore[attr-defined]
        if layout is None:
            return super().minimumSizeHint()  # type: ignore[misc]
        return layout.minimumSize()


class Tile(WordsInside, SpokenToolButton):
    def __init__(
        self,
        ctx: UiContext,
        label: Text,
        pictogram: str,
        hint: Text | None = None,
        icon_size: int = 96,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, label, pictogram, role="tile", hint=hint, icon_size=icon_size)
        if parent is not None:
            self.setParent(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        column.setSpacing(8)
        self.picture = QLabel()
        self.picture.setPixmap(icon(pictogram, "tile").pixmap(icon_size, icon_size))
        self.words = QLabel(self.text())
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.words.setWordWrap(True)
        for part in (self.picture, self.words):
            part.setAlignment(Qt.AlignmentFlag.AlignCenter)
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        column.addStretch(1)
        column.addWidget(self.picture)
        column.addWidget(self.words)
        column.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def paintEvent(self, event: QPaintEvent) -> None:
        # The tile's frame and colour only; the labels inside draw the picture and words.
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        option.text = ""
        option.icon = QIcon()
        painter = QStylePainter(self)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)
