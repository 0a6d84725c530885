"""What job could I do?: the home tile, and the choice between three short questions and
"Jobs close to the one I had"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.i18n import N_
from ui import theme
from ui.context import UiContext
from ui.cv.scroll import taps_at_once
from ui.features import Feature
from ui.orient.state import state_for
from ui.screens.base import Screen
from ui.widgets.spoken import SpokenToolButton


class OrientStartScreen(Screen):
    NAME = "orient"
    TITLE = N_("What job could I do?")
    INSTRUCTION = N_(
        "Three short questions with pictures: what you like, what you have done, what you do "
        "not want. You can skip each one. Then we show you jobs and why."
    )
    PICTOGRAM = "mdi6.compass-outline"
    TILE = Feature(
        N_("What job could I do?"),
        N_("Find jobs you had not thought of."),
        "mdi6.compass-outline",
        order=15,
    )

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        taps_at_once(self.scroll)
        self.state = state_for(ctx)
        self.layout_.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(32)

        def tile(label: str, icon: str, hint: str) -> SpokenToolButton:
            button = SpokenToolButton(ctx, label, icon, role="tile", hint=hint, icon_size=96)
            button.setMinimumSize(theme.TILE + 80, theme.TILE)
            row.addWidget(button)
            return button

        self.begin = tile(
            N_("Start"), "mdi6.play", N_("Three questions with pictures. You can skip each one.")
        )
        self.close_jobs = tile(
            N_("Jobs close to mine"),
            "mdi6.swap-horizontal",
            N_("Write a job you did and see close jobs with offers."),
        )
        self.layout_.addLayout(row)
        self.layout_.setAlignment(row, Qt.AlignmentFlag.AlignHCenter)
        self.layout_.addStretch(2)
        self.begin.clicked.connect(lambda: self.navigate.emit("orient_likes"))
        self.close_jobs.clicked.connect(self._close)

    def _close(self) -> None:
        self.state.close_from = None  # the close jobs screen asks which job
        self.state.close_back = self.NAME
        self.navigate.emit("orient_close")

    def shown(self) -> None:
        self.state.fresh()
