"""Make my CV: keep it for next time, protected by the first name and a 6-digit code."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from kiosk.cv.spaces import check_code
from kiosk.cv.validation import FieldError, clean_name
from kiosk.i18n import N_, _
from ui.context import UiContext
from ui.cv.fields import Field
from ui.cv.secret import SecretStep

CODES_DIFFER = N_("The two codes are not the same. Please type your code again, twice.")
KEPT = N_(
    "Your CV is kept, {name}. Next time, touch “Find my CV”, then give your first name "
    "and your code. It is deleted after {days} days without a visit."
)


class CvKeepScreen(SecretStep):
    NAME = "cv_keep"
    TITLE = N_("Keep my CV for next time")
    INSTRUCTION = N_(
        "Choose a secret code of 6 digits. Type it twice. Nobody will see it or hear it. "
        "Remember it: nobody can find it for you."
    )
    PICTOGRAM = "mdi6.lock"
    ACTION = N_("Keep my CV")
    ACTION_HINT = N_("Keep your CV with this first name and this code.")

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.again = self.register("code_again", Field(ctx, N_("The same code again"), secret=True))
        self.grid.addWidget(self.again, 1, 1)
        self.body.addStretch(1)
        self._name = ""

    def prepare(self) -> Callable[[], Any]:
        if self.code.text() != self.again.text():
            raise FieldError("code", CODES_DIFFER)
        name = self.first_name.text().strip()
        clean_name(name, "first_name")
        check_code(self.code.text())
        self._name = name
        return self.state.keep_job(name, self.code.text())

    def finish(self, answer: Any) -> None:
        self.state.adopt(answer)
        days = self.ctx.config.get_int("spaces.expiry_days")
        self.leave(self.next_screen())
        # Seen as well as heard, on the preview where it stays to be read.
        self.ctx.show_result(_(KEPT).format(name=self.take_name(), days=days), "success")

    def take_name(self) -> str:
        """The first name typed, for the one message that says it; not kept after."""
        name, self._name = self._name, ""
        return name

    def forget_person(self) -> None:
        """The session has ended: not even the first name stays (an answer still on its
        way when the person left never reaches `finish`)."""
        super().forget_person()
        self._name = ""

    def next_screen(self) -> str:
        return "cv_preview"

    def back_screen(self) -> str:
        return "cv_preview"
