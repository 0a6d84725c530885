"""A layout that places widgets in reading order and wraps them onto the next line, like
words: chips take the width there is (1280 px or 1920 px, large text or not) instead of
imposing a grid as wide as its longest labels. Right to left, lines fill from the right.

A widget wider than the whole line is given the line's width; a widget with a
`fit_width(width)` method (the wizard's chips) is told that width first, so it can break its
words onto several lines instead of being cut.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 12) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    # --- QLayout's interface -------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:
        """Put `widget` at `index` in reading order (0: first, where it is seen at once)."""
        self.addWidget(widget)  # makes the item and reparents the widget
        item = self._items.pop()
        self._items.insert(max(0, min(index, len(self._items))), item)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        # As narrow as the narrowest sensible chip: the line wraps, never widens the window.
        size = QSize(0, 0)
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.minimumSize()
            size = size.expandedTo(QSize(min(hint.width(), 240), hint.height()))
        left, top, right, bottom = self.getContentsMargins()
        return size + QSize(left + right, top + bottom)

    # --- placing -------------------------------------------------------------------------------

    def _place(self, rect: QRect, move: bool) -> int:
        left, top, right, bottom = self.getContentsMargins()
        area = rect.adjusted(left, top, -right, -bottom)
        width = max(1, area.width())
        rtl = self.parentWidget() is not None and (
            self.parentWidget().layoutDirection() == Qt.LayoutDirection.RightToLeft  # type: ignore[union-attr]
        )
        x, y, line_height = 0, 0, 0
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            fit = getattr(widget, "fit_width", None)
            if callable(fit):
                fit(width)
            hint = item.sizeHint()
            w = min(hint.width(), width)
            h = hint.height()
            if item.hasHeightForWidth():
                h = max(h, item.heightForWidth(w))
            if x > 0 and x + w > width:
                x, y = 0, y + line_height + self._spacing
                line_height = 0
            if move:
                left_x = area.x() + (width - x - w if rtl else x)
                item.setGeometry(QRect(QPoint(left_x, area.y() + y), QSize(w, h)))
            x += w + self._spacing
            line_height = max(line_height, h)
        return y + line_height + top + bottom
