"""An offer as a big card: the whole card is one button, so one touch opens it and touching
and holding reads it aloud. Under the offer's own title (French, as published) the card says
in the person's language where, how far, which contract, what hours and what pay."""

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

from kiosk.catalogue.plain import Said
from kiosk.catalogue.search import OfferCard
from kiosk.i18n import _, current
from ui import theme
from ui.context import UiContext
from ui.search import summary, words
from ui.search.summary import CUT, LINE_MAX, TEXT_MAX, TITLE_MAX, shown
from ui.widgets.spoken import SpokenButton

__all__ = ["CUT", "LINE_MAX", "TEXT_MAX", "TITLE_MAX", "OfferCardButton", "said_label", "shown"]


def side_alignment() -> Qt.AlignmentFlag:
    """The screen's reading side, whatever the words' own direction: a French value on an
    Arabic card starts at the right like the Arabic lines (Qt would put it on the left)."""
    side = Qt.AlignmentFlag.AlignRight if current().rtl else Qt.AlignmentFlag.AlignLeft
    return side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter


def said_label(said: Said | str, role: str = "body", limit: int = LINE_MAX) -> QLabel:
    """A label for one piece of an offer; the offer's own words are marked as French."""
    text = said.shown if isinstance(said, Said) else said
    label = QLabel(shown(text, limit))
    label.setTextFormat(Qt.TextFormat.PlainText)  # an offer's words, never markup
    label.setProperty("role", role)
    label.setWordWrap(True)
    label.setAlignment(side_alignment())
    if isinstance(said, Said) and said.language:
        label.setProperty("speech_language", said.language)
    return label


def _label(said: Said | str, role: str = "body") -> QLabel:
    label = said_label(said, role)
    # Touches go to the card underneath: the label is only ink.
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return label


class OfferCardButton(SpokenButton):
    def __init__(self, ctx: UiContext, card: OfferCard, parent: QWidget | None = None) -> None:
        self.card = card
        self.said = summary.card_lines(card)
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
        self.title_label = _label(summary.title(card), "card-title")
        # No "card-title" role in the theme yet: bold and the title colour, body size.
        self.title_label.setStyleSheet(f"font-weight: bold; color: {theme.BLUE};")
        top.addWidget(self.title_label, 1)
        self.demo_label: QLabel | None = None
        if card.demo:
            self.demo_label = _label(_(words.DEMO), "demo")
            self.demo_label.setWordWrap(False)
            top.addWidget(self.demo_label, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(top)
        self.lines = [_label(line) for line in self.said]
        for label in self.lines:
            column.addWidget(label)
        self.setMinimumHeight(column.sizeHint().height())
        # Held, the card reads each piece by its voice: the French title and town in French.
        self.set_spoken_parts(lambda: summary.card_parts(card, self.said, ctx.language))

    def _spoken_lines(self) -> list[str]:
        lines = [s.spoken for s in self.said]
        return [_(words.DEMO), *lines] if self.card.demo else lines

    def paintEvent(self, event: QPaintEvent) -> None:
        # The frame only: the labels inside draw the words, wrapped.
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        painter = QStylePainter(self)
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)
