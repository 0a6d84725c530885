"""Home: the big pictogram tiles of what the kiosk can do today."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.catalogue import catalogue_info
from kiosk.i18n import N_
from ui import theme
from ui.context import UiContext
from ui.screens.base import Screen
from ui.screens.welcome import DEMO
from ui.widgets.spoken import SpokenToolButton, TLabel


class HomeScreen(Screen):
    NAME = "home"
    TITLE = N_("What do you want to do?")
    INSTRUCTION = N_("Touch a picture. To hear a button, keep your finger on it.")
    PICTOGRAM = "mdi6.home"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        from ui.screens import screen_classes

        tiles = sorted(
            ((cls.NAME, cls.TILE) for cls in screen_classes() if cls.TILE is not None),
            key=lambda pair: pair[1].order,
        )
        grid = QGridLayout()
        grid.setSpacing(32)
        self.tiles: dict[str, SpokenToolButton] = {}
        for i, (screen, feature) in enumerate(tiles):
            tile = SpokenToolButton(
                ctx, feature.label, feature.icon, role="tile", hint=feature.hint, icon_size=128
            )
            tile.setMinimumSize(theme.TILE + 100, theme.TILE)
            tile.clicked.connect(lambda _c=False, s=screen: self.navigate.emit(s))
            grid.addWidget(tile, i // 3, i % 3)
            self.tiles[screen] = tile
        self.layout_.addStretch(1)
        self.layout_.addLayout(grid)
        self.layout_.setAlignment(grid, Qt.AlignmentFlag.AlignHCenter)
        self.layout_.addStretch(1)
        self.demo = TLabel(ctx, DEMO, role="demo", wrap=False)
        self.demo.setVisible(catalogue_info(ctx.kiosk.catalogue).kind == "demo")
        self.layout_.addWidget(self.demo, alignment=Qt.AlignmentFlag.AlignHCenter)
