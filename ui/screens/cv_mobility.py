"""Make my CV, question 8: driving licences and how you get to work."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.cv.model import CV
from kiosk.cv.suggestions import vocabulary
from kiosk.i18n import N_
from ui.context import UiContext
from ui.cv.chips import ChipGrid
from ui.cv.step import StepScreen
from ui.widgets.spoken import TLabel


class CvMobilityScreen(StepScreen):
    NAME = "cv_mobility"
    TITLE = N_("Driving licence and transport")
    INSTRUCTION = N_("Touch the licences you have, and how you can get to work.")
    PICTOGRAM = "mdi6.car"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        words = vocabulary()
        self.body.addWidget(TLabel(ctx, N_("Driving licences")))
        self.licences = ChipGrid(ctx, columns=4)
        self.licences.set_options(
            [(p.id, lambda p=p: p.in_language(self.ctx.language)) for p in words.all("licence")]
        )
        self.body.addWidget(self.licences)
        self.body.addWidget(TLabel(ctx, N_("How you get to work")))
        self.transport = ChipGrid(ctx, columns=4)
        self.transport.set_options(
            [(p.id, lambda p=p: p.in_language(self.ctx.language)) for p in words.all("transport")]
        )
        self.body.addWidget(self.transport)
        self.body.addStretch(1)

    def load(self, cv: CV) -> None:
        self.licences.set_selected(list(cv.licences))
        self.transport.set_selected(list(cv.transport))

    def collect(self, cv: CV, strict: bool = True) -> CV:
        return cv.replace(
            licences=tuple(self.licences.selected()), transport=tuple(self.transport.selected())
        )
