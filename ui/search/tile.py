"""A big pictogram tile whose words wrap onto several lines (a QToolButton elides them):
"Hotels, restaurants, leisure" must be read whole, not as "Hote…sure"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPaintEvent
from PySide6.QtWidgets import QLabel, QStyle, QStyleOptionToolButton, QStylePainter, QVBoxLayout

from ui import theme
from ui.context import UiContext
from ui.icons import icon
from ui.widgets.spoken import SpokenToolButton, Text


class WrappedTile(SpokenToolButton):
    def __init__(
        self, ctx: UiContext, label: Text, pictogram: str, hint: Text | None = None
    ) -> None:
        super().__init__(ctx, label, pictogram, role="tile", hint=hint, icon_size=56)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 16, 12, 12)
        column.setSpacing(6)
        self.picture = QLabel()
        self.picture.setPixmap(icon(pictogram, "tile").pixmap(56, 56))
        self.words = QLabel(self.text())
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.words.setWordWrap(True)
        for part in (self.picture, self.words):
            part.setAlignment(Qt.AlignmentFlag.AlignCenter)
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            # Drawn on the tile's own blue, in the tile's ink (11:1).
            part.setStyleSheet(
                f"background: transparent; color: {theme.ROLES['tile'].fg}; font-weight: bold; "
                f"font-size: {theme.px(theme.BODY_PX, ctx.large_text)}px;"
            )
        column.addWidget(self.picture)
        column.addWidget(self.words, 1)

    def retranslate(self, *_args: object) -> None:
        # The one language listener, a bound method: it dies with the tile (a lambda did not).
        super().retranslate()
        words = getattr(self, "words", None)  # the button's set-up runs before ours
        if words is not None:
            words.setText(self.text())

    def refresh(self) -> None:
        self.retranslate()

    def paintEvent(self, event: QPaintEvent) -> None:
        # The tile's frame and colour only; the labels inside draw the picture and words.
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        option.text = ""
        option.icon = QIcon()
        painter = QStylePainter(self)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)
