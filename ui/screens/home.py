"""Home: the big pictogram tiles of what the kiosk can do today."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.i18n import N_
from ui import theme
from ui.context import UiContext
from ui.demo_notice import show_if_demo
from ui.screens.base import Screen
from ui.screens.welcome import DEMO
from ui.widgets.flow import ReflowGrid
from ui.widgets.spoken import TLabel
from ui.widgets.tile import Tile


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
        # Three tiles a row where they fit; fewer on a narrow screen or with large text.
        self.grid = ReflowGrid(max_columns=4, spacing=32, min_cell=theme.TILE + 40)
        self.tiles: dict[str, Tile] = {}
        for screen, feature in tiles:
            tile = Tile(ctx, feature.label, feature.icon, hint=feature.hint, icon_size=112)
            # As tall as the picture and the words need, taller where the screen has room:
            # two rows of tiles fit under the bar of a 1280x800 screen.
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            tile.setMaximumHeight(theme.TILE)
            tile.clicked.connect(lambda _c=False, s=screen: self.navigate.emit(s))
            self.grid.add(tile)
            self.tiles[screen] = tile
        self.layout_.addWidget(self.grid, 1)
        self.demo = TLabel(ctx, DEMO, role="demo")
        self.demo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        show_if_demo(ctx, self.demo)  # read off the UI thread: a count of every offer
        self.layout_.addWidget(self.demo)  # full width: a wrapped label needs it
