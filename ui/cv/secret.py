"""A screen asking for a first name and the 6-digit secret code (keep, find). The code field
shows dots, the keyboard says "key" instead of the digits, and the code is wiped from the
field whenever the screen is left."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.cv.model import CV
from kiosk.errors import Explained, UserError
from kiosk.i18n import N_, _
from ui.context import UiContext
from ui.cv.fields import Field
from ui.cv.step import StepScreen, main_button

FIRST_NAME = N_("Your first name")
CODE = N_("Your secret code: 6 digits")
CODE_EXAMPLE = N_("digits that are easy for you to remember, but not your birthday")
WAIT = N_("Please wait a moment.")


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
        self._busy = False

    def load(self, cv: CV) -> None:
        self.first_name.set_text(cv.identity.name.split(" ")[0] if cv.identity.name else "")
        self.wipe()

    def wipe(self) -> None:
        for field in self.fields.values():
            if field.secret:
                field.set_text("")  # and back to dots
        if self.keyboard is not None:
            self.keyboard.hide_code()  # its key says "Show my code" again

    def go_back(self) -> None:
        self.wipe()
        self.leave(self.back_screen())

    def collect(self, cv: CV, strict: bool = True) -> CV:
        return cv  # leaving without confirming: nothing is created or opened

    def prepare(self) -> Callable[[], Any]:
        """Check the answers here (raise FieldError next to its field) and return the slow
        part (scrypt, perhaps the hub) to run off the UI thread."""
        raise NotImplementedError

    def finish(self, answer: Any) -> None:
        """On the UI thread, once the slow part has answered."""
        raise NotImplementedError

    def go_next(self) -> None:
        if self._busy:
            return
        self.clear_errors()
        try:
            job = self.prepare()
        except UserError as exc:
            self.show_problem(exc)
            return
        finally:
            self.wipe()  # a code is never kept in the field once used
        self._busy = True
        self.action.setEnabled(False)
        self.ctx.show_result(_(WAIT), "info")
        session = self.ctx.kiosk.sessions.current
        self.ctx.tasks.run(
            job,
            lambda answer: self._answered(answer, session),
            lambda explained: self._failed(explained, session),
            context=f"cv {self.NAME}",
        )

    def _answered(self, answer: Any, session: str | None) -> None:
        self._busy = False
        self.action.setEnabled(True)
        if self.ctx.kiosk.sessions.current != session:
            return  # the person left meanwhile: the next one sees nothing of it
        self.ctx.show_result("", "info")
        self.finish(answer)

    def _failed(self, explained: Explained, session: str | None) -> None:
        """Wrong code, locked, hub unreachable: said, and written under the code."""
        self._busy = False
        self.action.setEnabled(True)
        if self.ctx.kiosk.sessions.current != session:
            return  # the person left meanwhile: the next one sees nothing of it
        self.ctx.show_result("", "info")
        self.fields["code"].set_error(explained.user)
        self.ctx.say(explained.user)

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.wipe()
        super().hideEvent(event)
