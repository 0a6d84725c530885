"""A text field of the wizard: what to write and an example above it, the field, and the
explanation of a mistake right under it (shown and spoken)."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kiosk.i18n import N_, _, ltr
from ui.context import UiContext
from ui.cv import blank
from ui.cv.bidi import isolate_ltr
from ui.widgets.spoken import TLabel

EXAMPLE = N_("For example: {example}")
# The example inside an empty box (a short screen): dark grey on white, 10:1, not Qt's pale one.
PLACEHOLDER = "#4a4a4a"
# More than any limit of the CV core, so that a too-long text is explained, not cut silently.
TYPED_MAX = 6000
FIELD_HEIGHT = 64


class Field(QWidget):
    """`caption` and `example` are message ids. A `secret` field shows dots, takes digits
    only, and is never read aloud."""

    touched = Signal(object)  # the Field

    def __init__(
        self,
        ctx: UiContext,
        caption: str,
        example: str = "",
        *,
        secret: bool = False,
        digits: bool = False,
        ltr: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.caption_id, self.example_id, self.secret = caption, example, secret
        self.digits = digits or secret  # the keyboard opens on its digits
        self.ltr = ltr
        self.compact = False
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        # Rich only for the bold caption: both parts are escaped in caption_html.
        self.caption = TLabel(ctx, lambda: self.caption_html(), rich=True)
        self.edit = QLineEdit()
        self.edit.setMinimumHeight(FIELD_HEIGHT)
        self.edit.setMaxLength(TYPED_MAX)
        if secret:
            self.edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.edit.setMaxLength(6)
            self.edit.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9٠-٩]{0,6}")))
        if ltr or secret:
            # A phone number or an address is typed and read left to right, even in Arabic.
            self.edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.edit.setStyleSheet(f"QLineEdit {{ placeholder-text-color: {PLACEHOLDER}; }}")
        self.edit.installEventFilter(self)
        self.error = TLabel(ctx, blank, role="alert")
        self.error.hide()
        column.addWidget(self.caption)
        column.addWidget(self.edit)
        column.addWidget(self.error)
        ctx.language_changed.connect(self._retranslate)
        self._retranslate()

    def caption_text(self) -> str:
        if not self.example_id:
            return _(self.caption_id)
        return f"{_(self.caption_id)}. {_(EXAMPLE).format(example=_(self.example_id))}"

    def example_value(self) -> str:
        value = _(self.example_id)
        return ltr(value) if self.ltr else isolate_ltr(value)

    def caption_html(self) -> str:
        caption = f"<b>{html.escape(_(self.caption_id))}</b>"
        if not self.example_id or self.compact:
            return caption
        example = isolate_ltr(_(EXAMPLE)).format(example=self.example_value())
        return f"{caption} — {html.escape(example)}"

    def set_compact(self, on: bool) -> None:
        """On a short screen the example moves into the empty box: the caption keeps one
        line, so the fields below it stay in view above the keyboard."""
        if on != self.compact:
            self.compact = on
            self.caption.retranslate()
            self._retranslate()

    def _retranslate(self, *_args: object) -> None:
        inside = self.compact and self.example_id
        example = _(EXAMPLE).format(example=self.example_value()) if inside else ""
        self.edit.setPlaceholderText(example)
        self.edit.setAccessibleName(_(self.caption_id))
        self.edit.setAccessibleDescription(self.caption_text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.MouseButtonPress:
            self.touched.emit(self)
        return False

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str) -> None:
        """Filling or emptying a code box also hides the code ("Show my code" is undone)."""
        self.edit.setText(text)
        if self.secret:
            self.edit.setEchoMode(QLineEdit.EchoMode.Password)

    def set_error(self, message: str | None) -> None:
        """Show a translated explanation under the field, or clear it."""
        shown = isolate_ltr(message or "")
        self.error.set_source(lambda: shown)
        self.error.setVisible(bool(message))
