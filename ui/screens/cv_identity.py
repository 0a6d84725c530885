"""Make my CV, question 1: who you are. Only the name is needed."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.cv.model import CV, Identity
from kiosk.cv.validation import FieldError, clean_email, clean_name, clean_phone, clean_text
from kiosk.i18n import N_
from ui.context import UiContext
from ui.cv.fields import Field
from ui.cv.step import StepScreen


class CvIdentityScreen(StepScreen):
    NAME = "cv_identity"
    TITLE = N_("Who are you?")
    INSTRUCTION = N_(
        "Write your first name and your name. Your phone, e-mail and town help employers "
        "call you back. Touch a box, then type."
    )
    PICTOGRAM = "mdi6.account"
    SKIPPABLE = False
    KEYBOARD = True

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        self.body.addLayout(grid)
        specs = (
            ("name", N_("Your first name and name"), N_("Marie Dupont")),
            ("phone", N_("Your phone number"), N_("06 12 34 56 78")),
            ("email", N_("Your e-mail address"), N_("marie.dupont@gmail.com")),
            ("town", N_("Your town"), N_("Lyon")),
        )
        for i, (key, caption, example) in enumerate(specs):
            grid.addWidget(self.register(key, Field(ctx, caption, example)), i // 2, i % 2)

    def load(self, cv: CV) -> None:
        ident = cv.identity
        for key in ("name", "phone", "email", "town"):
            self.fields[key].set_text(getattr(ident, key))

    def collect(self, cv: CV, strict: bool = True) -> CV:
        cleaners = {
            "name": clean_name,
            "phone": clean_phone,
            "email": clean_email,
            "town": lambda v: clean_text(v, "identity.town"),
        }
        values: dict[str, str] = {}
        first: FieldError | None = None
        for key, clean in cleaners.items():
            try:
                values[key] = clean(self.fields[key].text())
            except FieldError as exc:
                first = first or exc
                values[key] = getattr(cv.identity, key)  # keep what was saved before
        if first is not None and strict:
            raise first
        return cv.replace(identity=Identity(**values))
