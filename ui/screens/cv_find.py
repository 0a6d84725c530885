"""Make my CV: find the CV kept last time, with the first name and the secret code."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.cv.model import CV
from kiosk.i18n import N_, _
from ui.cv.secret import SecretStep

FOUND = N_("Here is your CV.")


class CvFindScreen(SecretStep):
    NAME = "cv_find"
    TITLE = N_("Find my CV")
    INSTRUCTION = N_("Write your first name and your secret code, then touch Open.")
    PICTOGRAM = "mdi6.folder-account"
    ACTION = N_("Open my CV")
    ACTION_ICON = "mdi6.lock-open"
    ACTION_HINT = N_("Open the CV kept with this first name and this code.")

    def load(self, cv: CV) -> None:
        self.first_name.set_text("")
        self.wipe()

    def prepare(self) -> Callable[[], Any]:
        return self.state.open_job(self.first_name.text(), self.code.text())

    def finish(self, answer: Any) -> None:
        self.state.adopt(answer[0], answer)
        self.leave("cv_preview")
        self.ctx.show_result(_(FOUND), "success")

    def back_screen(self) -> str:
        return "cv_start"
