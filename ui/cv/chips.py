"""Big toggle chips: the wizard's way to pick tasks, skills, interests... without writing.

A chip shows a tick when it is on, so the colour is never the only cue. Chips flow like
words (ui.cv.flowlayout): as many on a line as fit, so the wizard never needs a window wider
than the screen; a chip longer than the line breaks its words onto several lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QLayout, QSizePolicy, QVBoxLayout, QWidget

from ui.context import UiContext
from ui.cv.flowlayout import FlowLayout
from ui.icons import icon
from ui.widgets.spoken import SpokenButton, Text

CHIP_HEIGHT = 72
ON, OFF = "mdi6.check-bold", "mdi6.checkbox-blank-outline"
# The chip's frame, padding and the space between its tick and its words (theme's chip role).
CHIP_CHROME = 64


class Chip(SpokenButton):
    """A toggle whose words wrap onto more lines when the line is too narrow for them; the
    accessible name stays the words on one line, as they are said."""

    def __init__(self, ctx: UiContext, label: Text) -> None:
        super().__init__(ctx, label, OFF, role="chip", icon_size=32)
        self.setCheckable(True)
        self.setMinimumHeight(CHIP_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._width = 0

    def retranslate(self, *_args: object) -> None:
        super().retranslate()
        self._wrap()

    def fit_width(self, width: int) -> None:
        if width != getattr(self, "_width", 0):
            self._width = width
            self._wrap()

    def _wrap(self) -> None:
        whole = self.accessibleName()
        width = getattr(self, "_width", 0)  # 0 while the button is being built
        room = width - self.iconSize().width() - CHIP_CHROME
        metrics = self.fontMetrics()
        if width <= 0 or metrics.horizontalAdvance(whole) <= room:
            text = whole
        else:
            lines: list[str] = []
            for word in whole.split(" "):
                if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= room:
                    lines[-1] = f"{lines[-1]} {word}"
                else:
                    lines.append(word)
            text = "\n".join(lines)
        if text != self.text():
            self.setText(text)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        lines = self.text().count("\n") + 1
        height = max(CHIP_HEIGHT, self.fontMetrics().lineSpacing() * lines + 32)
        return QSize(hint.width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(min(super().minimumSizeHint().width(), 240), self.sizeHint().height())


class ChipGrid(QWidget):
    """Chips keyed by `key`; `exclusive` makes them behave like one choice among several.
    `columns=1` stacks them one under the other (a short list of choices); otherwise they
    flow and wrap to the width there is."""

    toggled = Signal(str, bool)

    def __init__(
        self,
        ctx: UiContext,
        columns: int = 3,
        exclusive: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.columns = columns
        self.exclusive = exclusive
        self.grid: QLayout
        if columns == 1:
            column = QVBoxLayout(self)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(12)
            self.grid = column
        else:
            self.grid = FlowLayout(self)
        self.chips: dict[str, Chip] = {}

    def set_options(self, options: Sequence[tuple[str, Text]]) -> None:
        """Replace the chips; those whose key stays keep their state."""
        on = set(self.selected())
        for chip in self.chips.values():
            self.grid.removeWidget(chip)
            chip.hide()
            chip.deleteLater()
        self.chips = {}
        for key, label in options:
            chip = Chip(self.ctx, label)
            chip.toggled.connect(lambda checked, k=key: self._toggled(k, checked))
            self.grid.addWidget(chip)
            self.chips[key] = chip
        self.set_selected([k for k in self.chips if k in on])

    def _toggled(self, key: str, checked: bool) -> None:
        chip = self.chips[key]
        chip.setIcon(icon(ON if checked else OFF))
        if checked and self.exclusive:
            for other, button in self.chips.items():
                if other != key and button.isChecked():
                    button.setChecked(False)
        self.toggled.emit(key, checked)

    def selected(self) -> list[str]:
        return [k for k, chip in self.chips.items() if chip.isChecked()]

    def set_selected(self, keys: Sequence[str]) -> None:
        wanted = set(keys)
        for key, chip in self.chips.items():
            chip.blockSignals(True)
            chip.setChecked(key in wanted)
            chip.blockSignals(False)
            chip.setIcon(icon(ON if key in wanted else OFF))
