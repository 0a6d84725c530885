"""Picture cards: the path's way to answer without reading or writing. Each card is a big
toggle with its pictogram beside plain words (a chip of the CV wizard, so its words wrap at
1280 px and in large text); a picked card turns blue and its pictogram gets a tick, so the
colour is never the only cue."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from ui import theme
from ui.context import UiContext
from ui.cv.chips import Chip
from ui.cv.flowlayout import FlowLayout
from ui.icons import icon

CARD_HEIGHT = 96
PICTURE = 56
TICK = "mdi6.check-circle"


@cache
def picked_icon(name: str) -> QIcon:
    """The pictogram with a tick in its corner, white on the picked card's blue."""
    import qtawesome  # after ui.icons, which keeps qtpy from loading OpenGL

    on = theme.ROLES["chip-on"].fg
    return qtawesome.icon(
        name,
        TICK,
        options=[
            {"color": on, "color_on": on, "scale_factor": 0.8, "offset": (-0.1, 0.1)},
            {"color": on, "color_on": on, "scale_factor": 0.5, "offset": (0.3, -0.3)},
        ],
    )


class PictureCard(Chip):
    def __init__(self, ctx: UiContext, label: str, picture: str) -> None:
        super().__init__(ctx, label)
        self.picture = picture
        self.setIconSize(QSize(PICTURE, PICTURE))
        self.setMinimumHeight(CARD_HEIGHT)
        self.show_state()

    def show_state(self) -> None:
        self.setIcon(picked_icon(self.picture) if self.isChecked() else icon(self.picture))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), CARD_HEIGHT))


class PictureGrid(QWidget):
    """Cards keyed by `key`, flowing like words; `exclusive` makes them one choice."""

    toggled = Signal(str, bool)

    def __init__(self, ctx: UiContext, exclusive: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.exclusive = exclusive
        self.flow = FlowLayout(self, spacing=14)
        self.cards: dict[str, PictureCard] = {}

    def set_options(self, options: Sequence[tuple[str, str, str]]) -> None:
        """(key, label msgid, pictogram) for each card, in the order shown."""
        for card in self.cards.values():
            self.flow.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = {}
        for key, label, picture in options:
            card = PictureCard(self.ctx, label, picture)
            card.toggled.connect(lambda checked, k=key: self._toggled(k, checked))
            self.flow.addWidget(card)
            self.cards[key] = card

    def _toggled(self, key: str, checked: bool) -> None:
        self.cards[key].show_state()
        if checked and self.exclusive:
            for other, card in self.cards.items():
                if other != key and card.isChecked():
                    card.blockSignals(True)
                    card.setChecked(False)
                    card.blockSignals(False)
                    card.show_state()
        self.toggled.emit(key, checked)

    def selected(self) -> list[str]:
        return [k for k, card in self.cards.items() if card.isChecked()]

    def set_selected(self, keys: Sequence[str]) -> None:
        wanted = set(keys)
        for key, card in self.cards.items():
            card.blockSignals(True)
            card.setChecked(key in wanted)
            card.blockSignals(False)
            card.show_state()

    def uncheck(self, key: str) -> None:
        card = self.cards[key]
        card.blockSignals(True)
        card.setChecked(False)
        card.blockSignals(False)
        card.show_state()
