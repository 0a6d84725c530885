"""What job could I do?, question 2: what you have done. Everyday activities as pictures
(looking after children, a market stall, repairs...): unpaid experience counts as much as a
job. Or the person's own words on the on-screen keyboard, in any language the search reads."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.i18n import N_, _
from kiosk.orientation import ACTIVITIES
from ui.context import UiContext
from ui.cv.chips import ChipGrid
from ui.cv.fields import Field
from ui.cv.scroll import taps_at_once
from ui.keyboard import OnScreenKeyboard
from ui.orient.cards import PictureGrid
from ui.orient.state import MAX_TYPED
from ui.orient.step import OrientStep
from ui.widgets.spoken import SpokenButton, TLabel

OWN_WORDS = N_("Or write it in your own words")
YOURS = N_("What you wrote. Touch it to take it away.")
WRITE_FIRST = N_("Write what you did first, then touch Add.")
ENOUGH = N_("That is enough. Touch Next.")


class OrientDoneScreen(OrientStep):
    NAME = "orient_done"
    TITLE = N_("What have you done?")
    INSTRUCTION = N_("At work, at home or to help others: everything counts. Touch the pictures.")
    PICTOGRAM = "mdi6.hand-heart"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        taps_at_once(self.scroll)
        self.cards = PictureGrid(ctx)
        self.cards.set_options([(a.id, a.label, a.icon) for a in ACTIVITIES])
        self.cards.toggled.connect(self._toggled)
        self.body.addWidget(self.cards)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.field = Field(ctx, OWN_WORDS, N_("I sold fruit at the market"))
        self.field.touched.connect(self._typing)
        self.add = SpokenButton(ctx, N_("Add"), "mdi6.plus", hint=N_("Keep what you wrote."))
        self.add.setMinimumSize(160, 80)
        self.add.clicked.connect(self.add_typed)
        row.addWidget(self.field, 1)
        row.addWidget(self.add)
        self.body.addLayout(row)
        self.typed_label = TLabel(ctx, YOURS)
        self.typed = ChipGrid(ctx, columns=3)
        self.typed.toggled.connect(self._untyped)
        self.body.addWidget(self.typed_label)
        self.body.addWidget(self.typed)
        self.body.addStretch(1)
        # The keyboard comes when the box is touched, so the pictures have the room first.
        self.keyboard = OnScreenKeyboard(speak=ctx.say)
        self.keyboard.setMinimumHeight(300)
        self.keyboard.set_target(self.field.edit)
        self.keyboard.submitted.connect(self.add_typed)
        self.keyboard.hide()
        self.fixed.insertWidget(1, self.keyboard)
        ctx.language_changed.connect(lambda *_a: self.keyboard.retranslate())

    def _typing(self, _field: object = None) -> None:
        self.keyboard.set_language(self.ctx.language)
        self.keyboard.set_target(self.field.edit)
        self.keyboard.show()
        self.field.edit.setFocus()
        self.ctx.say(self.field.caption_text())

    def _toggled(self, key: str, on: bool) -> None:
        chosen = self.state.choices.activities
        if on and key not in chosen:
            chosen.append(key)
        elif not on and key in chosen:
            chosen.remove(key)

    def add_typed(self) -> None:
        text = " ".join(self.field.text().split())
        if not text:
            self.ctx.show_result(_(WRITE_FIRST), "info")
            return
        typed = self.state.choices.typed
        if len(typed) >= MAX_TYPED:
            self.ctx.show_result(_(ENOUGH), "info")
            return
        if text not in typed:
            typed.append(text)
        self.field.set_text("")
        self._show_typed()
        self.ctx.show_result(_("Added: {item}").format(item=text), "info")

    def _untyped(self, key: str, on: bool) -> None:
        if not on:
            typed = self.state.choices.typed
            removed = typed.pop(int(key))
            self._show_typed()
            self.ctx.show_result(_("Removed: {item}").format(item=removed), "info")

    def _show_typed(self) -> None:
        typed = self.state.choices.typed
        self.typed.set_options([(str(i), lambda t=t: t) for i, t in enumerate(typed)])
        self.typed.set_selected(list(self.typed.chips))
        self.typed_label.setVisible(bool(typed))
        self.typed.setVisible(bool(typed))

    def load(self) -> None:
        self.cards.set_selected(self.state.choices.activities)
        self._show_typed()
        self.keyboard.hide()

    def collect(self) -> None:
        if self.field.text().strip():
            self.add_typed()

    def clear(self) -> None:
        self.state.choices.activities = []
        self.state.choices.typed = []
        self.field.set_text("")

    def forget_person(self) -> None:
        self.field.set_text("")
        super().forget_person()
