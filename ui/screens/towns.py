"""Choose the town the distance is measured from (the agency's town until then)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from kiosk.catalogue import load_towns
from kiosk.catalogue.search import DISTANCES_KM
from kiosk.i18n import N_
from ui import theme
from ui.context import UiContext
from ui.screens.base import Screen
from ui.search.scrolling import kinetic_area
from ui.search.state import state_for
from ui.widgets.spoken import SpokenButton


class TownsScreen(Screen):
    NAME = "towns"
    TITLE = N_("Choose a town")
    INSTRUCTION = N_("Touch the town where you want to work.")
    PICTOGRAM = "mdi6.city"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state = state_for(ctx)
        content = QWidget()
        grid = QGridLayout(content)
        grid.setSpacing(12)
        self.buttons: dict[str, SpokenButton] = {}
        for i, town in enumerate(sorted(load_towns(), key=lambda t: t.name)):
            button = SpokenButton(ctx, lambda n=town.name: n, "mdi6.map-marker")
            button.setMinimumHeight(theme.BAR_BUTTON - 8)
            button.clicked.connect(lambda _c=False, c=town.insee: self._choose(c))
            grid.addWidget(button, i // 4, i % 4)
            self.buttons[town.insee] = button
        self.layout_.addWidget(kinetic_area(content), 1)
        row = QHBoxLayout()
        self.back = SpokenButton(ctx, N_("Back"), "mdi6.arrow-left", hint=N_("Keep the town."))
        self.back.setMinimumSize(160, theme.BAR_BUTTON - 8)
        self.back.clicked.connect(lambda: self.navigate.emit("offers"))
        row.addWidget(self.back)
        row.addStretch(1)
        self.layout_.addLayout(row)

    def _choose(self, insee: str) -> None:
        q = self.state.question
        # A town without a distance would change nothing: start at 10 km, a short bus ride.
        km = q.filters.km or DISTANCES_KM[1]
        self.state.question = replace(q, filters=replace(q.filters, near=insee, km=km))
        self.navigate.emit("offers")
