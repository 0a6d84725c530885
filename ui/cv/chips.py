"""Big toggle chips: the wizard's way to pick tasks, skills, interests... without writing.

A chip shows a tick when it is on, so the colour is never the only cue.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from ui.context import UiContext
from ui.icons import icon
from ui.widgets.spoken import SpokenButton, Text

CHIP_HEIGHT = 72
ON, OFF = "mdi6.check-bold", "mdi6.checkbox-blank-outline"


class ChipGrid(QWidget):
    """Chips keyed by `key`; `exclusive` makes them behave like one choice among several."""

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
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(12)
        self.chips: dict[str, SpokenButton] = {}

    def set_options(self, options: Sequence[tuple[str, Text]]) -> None:
        """Replace the chips; those whose key stays keep their state."""
        on = set(self.selected())
        for chip in self.chips.values():
            self.grid.removeWidget(chip)
            chip.deleteLater()
        self.chips = {}
        for i, (key, label) in enumerate(options):
            chip = SpokenButton(self.ctx, label, OFF, role="chip", icon_size=32)
            chip.setCheckable(True)
            chip.setMinimumHeight(CHIP_HEIGHT)
            chip.toggled.connect(lambda checked, k=key: self._toggled(k, checked))
            self.grid.addWidget(chip, i // self.columns, i % self.columns)
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
