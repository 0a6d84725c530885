"""What job could I do?, question 3 (optional): what you cannot or do not want to do, and
your diploma. "No diploma" is a fine answer: it only puts jobs one can start without one
first."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.i18n import N_
from kiosk.orientation import CONSTRAINTS, DIPLOMAS
from ui.context import UiContext
from ui.cv.scroll import taps_at_once
from ui.orient.cards import PictureGrid
from ui.orient.step import OrientStep
from ui.widgets.spoken import TLabel


class OrientLimitsScreen(OrientStep):
    NAME = "orient_limits"
    TITLE = N_("What do you not want?")
    INSTRUCTION = N_("Touch what you cannot do or do not want. You can skip this.")
    PICTOGRAM = "mdi6.hand-back-left-off"
    NEXT_LABEL = N_("See my jobs")

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        taps_at_once(self.scroll)
        self.avoid = PictureGrid(ctx)
        self.avoid.set_options([(c.id, c.label, c.icon) for c in CONSTRAINTS])
        self.avoid.toggled.connect(self._avoid)
        self.body.addWidget(self.avoid)
        self.diploma_label = TLabel(
            ctx, N_("Your diploma (no diploma is fine):"), role="instruction"
        )
        self.body.addWidget(self.diploma_label)
        self.diploma = PictureGrid(ctx, exclusive=True)
        self.diploma.set_options([(d.id, d.label, d.icon) for d in DIPLOMAS])
        self.diploma.toggled.connect(self._diploma)
        self.body.addWidget(self.diploma)
        self.body.addStretch(1)

    def spoken_intro(self) -> str:
        return f"{super().spoken_intro()} {self.diploma_label.text()}"

    def _avoid(self, key: str, on: bool) -> None:
        chosen = self.state.choices.avoid
        if on and key not in chosen:
            chosen.append(key)
        elif not on and key in chosen:
            chosen.remove(key)

    def _diploma(self, key: str, on: bool) -> None:
        if on:
            self.state.choices.diploma = key
        elif self.state.choices.diploma == key:
            self.state.choices.diploma = None

    def load(self) -> None:
        self.avoid.set_selected(self.state.choices.avoid)
        diploma = self.state.choices.diploma
        self.diploma.set_selected([diploma] if diploma else [])

    def clear(self) -> None:
        self.state.choices.avoid = []
        self.state.choices.diploma = None
