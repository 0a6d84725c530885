"""Make my CV, the first questions: who you are, one question per screen. Only the name is
needed; the phone, the e-mail address and the town can be skipped."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QWidget

from kiosk.cv.model import CV
from kiosk.cv.validation import (
    FieldError,
    clean_email,
    clean_name,
    clean_phone,
    clean_text,
    proper_name,
)
from kiosk.i18n import N_
from ui.context import UiContext
from ui.cv.fields import Field
from ui.cv.step import StepScreen


class IdentityStep(StepScreen):
    """One field of the CV's identity: `KEY` names it ("name", "phone"...)."""

    KEYBOARD = True
    KEY = ""
    CAPTION = ""
    VALUE_EXAMPLE = ""
    DIGITS = False  # a phone number: the keyboard opens on its digits
    LTR = False  # a phone number or an address reads left to right, even in Arabic

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.field = self.add_field(
            self.KEY,
            Field(ctx, self.CAPTION, self.VALUE_EXAMPLE, digits=self.DIGITS, ltr=self.LTR),
        )
        self.body.addStretch(1)

    def clean(self, value: str) -> str:
        raise NotImplementedError

    def load(self, cv: CV) -> None:
        self.field.set_text(getattr(cv.identity, self.KEY))

    def collect(self, cv: CV, strict: bool = True) -> CV:
        try:
            value = self.clean(self.field.text())
        except FieldError:
            if strict:
                raise
            return cv  # keep what was saved before
        return cv.replace(identity=dataclasses.replace(cv.identity, **{self.KEY: value}))


class CvIdentityScreen(IdentityStep):
    NAME = "cv_identity"
    TITLE = N_("What is your name?")
    INSTRUCTION = N_("Write your first name and your name. Touch the box, then type.")
    PICTOGRAM = "mdi6.account"
    SKIPPABLE = False
    KEY = "name"
    CAPTION = N_("Your first name and name")
    VALUE_EXAMPLE = N_("Marie Dupont")

    def clean(self, value: str) -> str:
        # "awa traoré" is printed "Awa Traoré"; a name typed with its own capitals is kept.
        return proper_name(clean_name(value))


class CvPhoneScreen(IdentityStep):
    NAME = "cv_phone"
    TITLE = N_("Your phone number")
    INSTRUCTION = N_("So that employers can call you. You can skip this question.")
    PICTOGRAM = "mdi6.phone"
    KEY = "phone"
    CAPTION = N_("Your phone number")
    VALUE_EXAMPLE = N_("06 12 34 56 78")
    DIGITS = True
    LTR = True

    def clean(self, value: str) -> str:
        return clean_phone(value)


class CvAddressScreen(IdentityStep):
    NAME = "cv_address"
    TITLE = N_("Your e-mail address")
    INSTRUCTION = N_("So that employers can write to you. You can skip this question.")
    PICTOGRAM = "mdi6.email"
    KEY = "email"
    CAPTION = N_("Your e-mail address")
    VALUE_EXAMPLE = N_("marie.dupont@gmail.com")
    LTR = True

    def clean(self, value: str) -> str:
        return clean_email(value)


class CvTownScreen(IdentityStep):
    NAME = "cv_town"
    TITLE = N_("Where do you live?")
    INSTRUCTION = N_("Write your town. You can skip this question.")
    PICTOGRAM = "mdi6.home-city"
    KEY = "town"
    CAPTION = N_("Your town")
    VALUE_EXAMPLE = N_("Lyon")

    def clean(self, value: str) -> str:
        return clean_text(value, "identity.town")
