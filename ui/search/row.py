"""A wide button whose words wrap onto more lines instead of running past the screen's side
(a QPushButton draws its text on one line): a job named in Arabic beside its French title is
longer than a 1280 px screen.

    row = WrappedButton(ctx, lambda: "سائق — Conducteur (12 offres)", "mdi6.briefcase")
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)

from ui.context import UiContext
from ui.icons import icon
from ui.widgets.spoken import SpokenButton, Text
from ui.widgets.tile import WordsInside

ICON = 40


class WrappedButton(WordsInside, SpokenButton):
    def __init__(
        self, ctx: UiContext, label: Text, pictogram: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, label, parent=parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 10, 20, 10)
        row.setSpacing(16)
        self.picture = QLabel()
        self.picture.setPixmap(icon(pictogram).pixmap(ICON, ICON))
        self.words = QLabel(self.text())
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.words.setWordWrap(True)
        self.words.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        for part in (self.picture, self.words):
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.words, 1)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return layout.totalHeightForWidth(width) if layout is not None else -1

    def paintEvent(self, event: QPaintEvent) -> None:
        # The frame only: the labels inside draw the picture and the words.
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        option.icon = QIcon()
        painter = QStylePainter(self)
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)
