"""What job could I do?: the home tile, and the choice between three short questions,
"Jobs close to the one I had" and the jobs kept last time ("My kept jobs": from the space
this visit has open, found by "Find my CV" for instance, else first name and code)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.errors import Explained
from kiosk.i18n import N_, _
from ui import theme
from ui.context import UiContext
from ui.cv.scroll import taps_at_once
from ui.cv.state import state_for as cv_state
from ui.features import Feature
from ui.orient.kept import FOUND, NONE_KEPT, bring_back, load_job
from ui.orient.state import state_for
from ui.screens.base import Screen
from ui.widgets.flow import ReflowGrid
from ui.widgets.tile import Tile


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
        # Tiles whose words wrap, as many a row as fit: three side by side are wider than a
        # 1280 px screen in large text.
        self.grid = ReflowGrid(max_columns=3, spacing=32, min_cell=theme.TILE + 40)

        def tile(label: str, icon: str, hint: str) -> Tile:
            button = Tile(ctx, label, icon, hint=hint, icon_size=96)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.setMinimumHeight(theme.TILE)
            self.grid.add(button)
            return button

        self.begin = tile(
            N_("Start"), "mdi6.play", N_("Three questions with pictures. You can skip each one.")
        )
        self.close_jobs = tile(
            N_("Jobs close to mine"),
            "mdi6.swap-horizontal",
            N_("Write a job you did and see close jobs with offers."),
        )
        self.kept = tile(
            N_("My kept jobs"),
            "mdi6.folder-account",
            N_("The jobs you kept last time, with your first name and your code."),
        )
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.grid)
        self.layout_.addStretch(2)
        self.begin.clicked.connect(lambda: self.navigate.emit("orient_likes"))
        self.close_jobs.clicked.connect(self._close)
        self.kept.clicked.connect(self.find_kept)

    def _close(self) -> None:
        self.state.close_from = None  # the close jobs screen asks which job
        self.state.close_back = self.NAME
        self.navigate.emit("orient_close")

    def find_kept(self) -> None:
        self.state.to_keep = None  # finding, not keeping
        space_id = cv_state(self.ctx).space_id
        if space_id is None:
            self.navigate.emit("orient_find")  # first name and code
            return
        self.kept.setEnabled(False)
        session = self.ctx.kiosk.sessions.current
        self.ctx.tasks.run(
            load_job(self.ctx, space_id),
            lambda raw: self._found(raw, session),
            lambda explained: self._failed(explained, session),
            context="orientation kept jobs",
        )

    def _found(self, raw: Any, session: str | None) -> None:
        self.kept.setEnabled(True)
        if self.ctx.kiosk.sessions.current != session:
            return  # the person left meanwhile: the next one sees nothing of it
        if bring_back(self.state, raw):
            self.navigate.emit("orient_jobs")
            self.ctx.show_result(_(FOUND), "success")
        else:
            self.ctx.show_result(_(NONE_KEPT), "info")

    def _failed(self, explained: Explained, session: str | None) -> None:
        self.kept.setEnabled(True)
        if self.ctx.kiosk.sessions.current == session:
            self.ctx.show_error(explained)

    def shown(self) -> None:
        self.state.fresh()
