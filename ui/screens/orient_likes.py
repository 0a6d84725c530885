"""What job could I do?, question 1: what you like, up to three picture cards among France
Travail's 30 "centres d'intérêt" in plain words."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.i18n import N_, _
from kiosk.orientation import INTERESTS
from ui.context import UiContext
from ui.cv.scroll import taps_at_once
from ui.orient.cards import PictureGrid
from ui.orient.state import MAX_INTERESTS
from ui.orient.step import OrientStep

UP_TO = N_("You can choose up to 3. Touch a picture again to take it away.")


class OrientLikesScreen(OrientStep):
    NAME = "orient_likes"
    TITLE = N_("What do you like?")
    INSTRUCTION = N_("Touch up to 3 pictures.")
    PICTOGRAM = "mdi6.heart-outline"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        taps_at_once(self.scroll)
        self.cards = PictureGrid(ctx)
        self.cards.set_options([(str(i.code), i.label, i.icon) for i in INTERESTS])
        self.cards.toggled.connect(self._toggled)
        self.body.addWidget(self.cards)
        self.body.addStretch(1)

    def _toggled(self, key: str, on: bool) -> None:
        chosen = self.state.choices.interests
        code = int(key)
        if on and code not in chosen:
            if len(chosen) >= MAX_INTERESTS:
                self.cards.uncheck(key)
                self.ctx.show_result(_(UP_TO), "info")
                return
            chosen.append(code)
        elif not on and code in chosen:
            chosen.remove(code)

    def load(self) -> None:
        self.cards.set_selected([str(c) for c in self.state.choices.interests])

    def clear(self) -> None:
        self.state.choices.interests = []
