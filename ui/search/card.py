"""An offer as a big card: the whole card is one button, so one touch opens it and touching
and holding reads it aloud."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalogue.search import OfferCard
from kiosk.i18n import _
from ui import theme
from ui.context import UiContext
from ui.search import words
from ui.widgets.spoken import SpokenButton

# Laying out text happens on the UI thread: a megabyte in one label froze the screen for
# 15 s. What a screen shows of an offer is capped (imports cap too; the API's own offers stay
# far below); the rest is marked as cut. Printing still gives the whole offer.
TITLE_MAX = 300
LINE_MAX = 1000
TEXT_MAX = 20_000
CUT = "…"


def shown(text: str, limit: int) -> str:
    """``text`` as a screen may show it: at most ``limit`` characters, a cut marked."""
    return text if len(text) <= limit else text[:limit].rstrip() + CUT


def _label(text: str, role: str = "body") -> QLabel:
    label = QLabel(shown(text, LINE_MAX))
    label.setTextFormat(Qt.TextFormat.PlainText)  # an offer's words, never markup
    label.setProperty("role", role)
    label.setWordWrap(True)
    # Touches go to the card underneath: the label is only ink.
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return label


class OfferCardButton(SpokenButton):
    def __init__(self, ctx: UiContext, card: OfferCard, parent: QWidget | None = None) -> None:
        self.card = card
        super().__init__(
            ctx,
            lambda: shown(card.title, TITLE_MAX),
            role="card",
            hint=lambda: ". ".join(shown(line, LINE_MAX) for line in self._spoken_lines()),
            parent=parent,
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 14, 20, 14)
        column.setSpacing(4)
        top = QHBoxLayout()
        self.title_label = _label(shown(card.title, TITLE_MAX), "card-title")
        # No "card-title" role in the theme yet: bold and the title colour, body size.
        self.title_label.setStyleSheet(f"font-weight: bold; color: {theme.BLUE};")
        top.addWidget(self.title_label, 1)
        self.demo_label: QLabel | None = None
        if card.demo:
            self.demo_label = _label(_(words.DEMO), "demo")
            self.demo_label.setWordWrap(False)
            top.addWidget(self.demo_label, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(top)
        self.lines = [_label(line) for line in words.card_lines(card)]
        for label in self.lines:
            column.addWidget(label)
        self.setMinimumHeight(column.sizeHint().height())

    def _spoken_lines(self) -> list[str]:
        lines = words.card_lines(self.card)
        return [_(words.DEMO), *lines] if self.card.demo else lines

    def paintEvent(self, event: QPaintEvent) -> None:
        # The frame only: the labels inside draw the words, wrapped.
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        painter = QStylePainter(self)
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)
