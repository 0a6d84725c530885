"""Make my CV: "Delete my data": the kept CV is deleted at once, after one confirmation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.errors import Explained
from kiosk.i18n import N_, _
from ui import theme
from ui.context import UiContext
from ui.cv.scroll import taps_at_once
from ui.cv.secret import WAIT
from ui.cv.state import state_for
from ui.screens.base import Screen
from ui.widgets.scroll import KineticScrollArea
from ui.widgets.spoken import SpokenToolButton

DELETED = N_("Your data is deleted.")


class CvDeleteScreen(Screen):
    NAME = "cv_delete"
    TITLE = N_("Delete my data?")
    INSTRUCTION = N_(
        "Your kept CV will be deleted now, for good. Nobody can get it back. Are you sure?"
    )
    PICTOGRAM = "mdi6.delete-forever"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        if isinstance(getattr(self, "scroll", None), KineticScrollArea):
            taps_at_once(self.scroll)  # a tap acts at once even where the screen scrolls
        self.state = state_for(ctx)
        row = QHBoxLayout()
        row.setSpacing(48)
        self.no = SpokenToolButton(
            ctx,
            N_("No, keep it"),
            "mdi6.arrow-left",
            role="tile",
            hint=N_("Go back."),
            icon_size=96,
        )
        self.yes = SpokenToolButton(
            ctx,
            N_("Yes, delete it"),
            "mdi6.delete-forever",
            role="tile",
            hint=N_("Delete my CV and my code now."),
            icon_size=96,
        )
        for button in (self.no, self.yes):
            button.setMinimumSize(theme.TILE + 100, theme.TILE)
            row.addWidget(button)
        self.layout_.addStretch(1)
        self.layout_.addLayout(row)
        self.layout_.setAlignment(row, Qt.AlignmentFlag.AlignHCenter)
        self.layout_.addStretch(2)
        self.no.clicked.connect(lambda: self.navigate.emit("cv_preview"))
        self.yes.clicked.connect(self.delete)

    def delete(self) -> None:
        # Off the UI thread: the space may be at the hub.
        self.yes.setEnabled(False)
        self.ctx.show_result(_(WAIT), "info")
        self.ctx.tasks.run(self.state.delete_job(), self._deleted, self._failed, "cv delete")

    def _deleted(self, _answer: object) -> None:
        self.yes.setEnabled(True)
        self.state.forget_space()
        self.navigate.emit("cv_start")
        self.ctx.show_result(_(DELETED), "success")

    def _failed(self, explained: Explained) -> None:
        self.yes.setEnabled(True)
        self.ctx.show_result(explained.user, "error")
