"""Make my CV: start a new CV, go on with the one begun, or find a CV kept last time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.i18n import N_
from ui import theme
from ui.context import UiContext
from ui.cv.scroll import taps_at_once
from ui.cv.state import state_for
from ui.features import Feature
from ui.screens.base import Screen
from ui.widgets.scroll import KineticScrollArea
from ui.widgets.spoken import TLabel
from ui.widgets.tile import Tile


class CvStartScreen(Screen):
    NAME = "cv_start"
    TITLE = N_("Make my CV")
    INSTRUCTION = N_(
        "A CV tells an employer what you can do. We ask you simple questions, one at a time. "
        "You leave with your CV on paper."
    )
    PICTOGRAM = "mdi6.card-account-details"
    TILE = Feature(
        N_("Make my CV"),
        N_("Answer simple questions and print your CV."),
        "mdi6.card-account-details",
        order=20,
    )

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        if isinstance(getattr(self, "scroll", None), KineticScrollArea):
            taps_at_once(self.scroll)  # a tap acts at once even where the screen scrolls
        self.state = state_for(ctx)
        self.no_photo = TLabel(ctx, N_("There is no photo on the CV: employers do not need one."))
        self.no_photo.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.layout_.addWidget(self.no_photo)
        self.layout_.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(32)

        def tile(label: str, icon: str, hint: str) -> Tile:
            # Words wrap inside the tile (large text, Arabic) rather than being cut.
            button = Tile(ctx, label, icon, hint=hint, icon_size=96)
            button.setMinimumSize(theme.TILE, theme.TILE)
            row.addWidget(button)
            return button

        self.begin = tile(
            N_("Start my CV"), "mdi6.pencil", N_("Answer the questions, one at a time.")
        )
        self.resume = tile(N_("Continue my CV"), "mdi6.play", N_("Go on where you stopped."))
        self.again = tile(
            N_("Start again"), "mdi6.restart", N_("Forget these answers and start again.")
        )
        self.find_cv = tile(
            N_("Find my CV"),
            "mdi6.folder-account",
            N_("You kept your CV last time: find it with your first name and your code."),
        )
        self.layout_.addLayout(row)
        self.layout_.setAlignment(row, Qt.AlignmentFlag.AlignHCenter)
        self.layout_.addStretch(2)
        self.begin.clicked.connect(lambda: self.navigate.emit("cv_identity"))
        self.resume.clicked.connect(lambda: self.navigate.emit("cv_preview"))
        self.again.clicked.connect(self._again)
        self.find_cv.clicked.connect(lambda: self.navigate.emit("cv_find"))

    def _again(self) -> None:
        self.state.start_again()
        self.navigate.emit("cv_identity")

    def shown(self) -> None:
        self.state.fresh()
        begun = not self.state.is_empty()
        self.begin.setVisible(not begun)
        self.resume.setVisible(begun)
        self.again.setVisible(begun)
