"""The window's message area: every result a person hears is also seen here.

One strip under the bar, with its own colours and pictogram per kind (success, information,
error), so a "your CV is kept" never looks like an error. It is never shown empty and it is
cleared when the visit ends.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from ui import theme

KINDS = ("success", "info", "error")
PICTOGRAMS = {
    "success": "mdi6.check-circle",
    "info": "mdi6.information",
    "error": "mdi6.alert-circle",
}
SHOWN_MS = 12000  # long enough to be read slowly
# A result shown just before the screen changes (e.g. "kept", then back home) is about what
# the person just did: it stays on the next screen instead of vanishing with the old one.
SURVIVES_NAVIGATION_S = 1.0


class MessageArea(QFrame):
    """A pictogram and a sentence; `show_result` and `clear` are its whole interface."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = ""
        self._shown_at = 0.0
        self.setProperty("role", "message")
        self.setProperty("kind", "info")
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 8, 24, 8)
        row.setSpacing(theme.SPACING)
        self.picture = QLabel()
        self.picture.setProperty("role", "message-picture")
        self.sentence = QLabel()
        self.sentence.setProperty("role", "message-text")
        self.sentence.setTextFormat(Qt.TextFormat.PlainText)  # often holds what a person typed
        self.sentence.setWordWrap(True)
        self.sentence.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.sentence, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)
        self.hide()

    def show_result(self, text: str, kind: str) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown message kind {kind!r}; one of {KINDS}")
        text = text.strip()
        if not text:  # never an empty bar
            self.clear()
            return
        from ui.icons import icon

        self.kind = kind
        self.setProperty("kind", kind)
        self.sentence.setProperty("kind", kind)
        self.picture.setProperty("kind", kind)
        size = theme.px(40, self._large())
        self.picture.setPixmap(icon(PICTOGRAMS[kind], f"message-{kind}").pixmap(QSize(size, size)))
        self.sentence.setText(text)
        self.setAccessibleName(text)
        for widget in (self, self.sentence, self.picture):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self._shown_at = time.monotonic()
        self.show()
        self._timer.start(SHOWN_MS)

    def text(self) -> str:
        return self.sentence.text()

    def _large(self) -> bool:
        return self.font().pixelSize() > theme.BODY_PX

    def screen_changed(self) -> None:
        """A message is about the screen it appeared on, unless it was just shown."""
        if time.monotonic() - self._shown_at > SURVIVES_NAVIGATION_S:
            self.clear()

    def clear(self) -> None:
        self._timer.stop()
        self.kind = ""
        self.sentence.clear()
        self.setAccessibleName("")
        self.hide()
