"""A screen asking for a first name and the 6-digit secret code (keep, find). The code field
shows dots, the keyboard says "key" instead of the digits, and the code is wiped from the
field whenever the screen is left."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.cv.model import CV
from kiosk.i18n import N_
from ui.context import UiContext
from ui.cv.fields import Field
from ui.cv.step import StepScreen, main_button

FIRST_NAME = N_("Your first name")
CODE = N_("Your secret code: 6 digits")
CODE_EXAMPLE = N_("digits that are easy for you to remember, but not your birthday")


class SecretStep(StepScreen):
    KEYBOARD = True
    SKIPPABLE = False
    ACTION = ""
    ACTION_ICON = "mdi6.lock"
    ACTION_HINT = ""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(32)
        self.body.addLayout(self.grid)
        self.first_name = self.register("first_name", Field(ctx, FIRST_NAME, N_("Marie")))
        self.code = self.register("code", Field(ctx, CODE, CODE_EXAMPLE, secret=True))
        self.grid.addWidget(self.first_name, 0, 0)
        self.grid.addWidget(self.code, 1, 0)
        self.next.hide()
        self.action = main_button(ctx, self.ACTION, self.ACTION_ICON, self.ACTION_HINT)
        self.action.setMinimumSize(420, 96)
        self.action.clicked.connect(self.go_next)
        self.nav.addWidget(self.action)

    def load(self, cv: CV) -> None:
        self.first_name.set_text(cv.identity.name.split(" ")[0] if cv.identity.name else "")
        self.wipe()

    def wipe(self) -> None:
        for field in self.fields.values():
            if field.secret:
                field.set_text("")

    def go_back(self) -> None:
        self.wipe()
        self.leave(self.back_screen())

    def collect(self, cv: CV, strict: bool = True) -> CV:
        if not strict:
            return cv  # leaving without confirming: nothing is created or opened
        try:
            return self.act(cv)
        finally:
            self.wipe()

    def act(self, cv: CV) -> CV:
        raise NotImplementedError

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.wipe()
        super().hideEvent(event)
