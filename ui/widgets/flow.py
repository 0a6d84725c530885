"""A grid that reflows: as many columns as fit the width it is given, never wider.

Tiles, chips and towns use it instead of a fixed QGridLayout, so 1280 px or large text
gives fewer columns rather than a window wider than the screen or cut words:

    grid = ReflowGrid(max_columns=3, spacing=32)
    for tile in tiles:
        grid.add(tile)
    layout.addWidget(grid)

A cell is as wide as the widest item's size hint (at least `min_cell`); items stretch to the
column's width.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget


def _shown(widget: QWidget) -> bool:
    """Not hidden by its owner (a widget not yet shown with its window still counts)."""
    explicit = widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
    return not (widget.isHidden() and explicit)


class ReflowGrid(QWidget):
    def __init__(
        self,
        max_columns: int = 3,
        spacing: int = 16,
        min_cell: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.max_columns = max(1, max_columns)
        self.min_cell = min_cell
        self.items: list[QWidget] = []
        self.columns = self.max_columns
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(spacing)

    def add(self, widget: QWidget) -> None:
        widget.setParent(self)
        self.items.append(widget)
        widget.installEventFilter(self)  # its words (language, large text) change its width
        self._place(self.columns)

    def clear(self) -> None:
        """Remove (and delete) every item."""
        for widget in self.items:
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self.items = []

    def cell_width(self) -> int:
        hints = [w.sizeHint().width() for w in self.items if _shown(w)]
        mins = [w.minimumWidth() for w in self.items if _shown(w)]
        return max([self.min_cell, *hints, *mins, 1])

    def columns_for(self, width: int) -> int:
        cell, gap = self.cell_width(), self.grid.horizontalSpacing()
        shown = sum(1 for w in self.items if _shown(w)) or 1
        fit = max(1, (width + gap) // (cell + gap))
        columns = max(1, min(self.max_columns, fit, shown))
        # Rows as even as the same number of rows allows: 4 tiles in 3 columns make 2 + 2.
        rows = -(-shown // columns)
        return -(-shown // rows)

    def _place(self, columns: int) -> None:
        self.columns = columns
        for widget in self.items:
            self.grid.removeWidget(widget)
        shown = [w for w in self.items if _shown(w)]
        for i, widget in enumerate(shown):
            self.grid.addWidget(widget, i // columns, i % columns)
        for column in range(self.grid.columnCount()):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        self.updateGeometry()

    def reflow(self) -> None:
        columns = self.columns_for(self.width())
        if columns != self.columns:
            self._place(columns)

    # One column is the least this grid needs: the parent may give it less than the current
    # columns take, and the next resize reflows them. The height is the current rows': a
    # reflow asks the parent layout again (updateGeometry), which QFormLayout, unlike box
    # layouts, does not do for height-for-width.
    def minimumSizeHint(self) -> QSize:
        cell = self.cell_width()
        rows = -(-max(1, len(self.items)) // max(1, self.columns))
        height = self.grid.minimumSize().height()
        return QSize(min(cell, self.grid.minimumSize().width()), max(height, rows))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.reflow()

    def event(self, event: QEvent) -> bool:
        # An item's words changed (language, large text): the cell width may have too.
        if event.type() == QEvent.Type.LayoutRequest:
            self.reflow()
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # An item shown or hidden by its owner: the others close up.
        if event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self._place(self.columns_for(self.width()))
        return False


__all__ = ["ReflowGrid"]
