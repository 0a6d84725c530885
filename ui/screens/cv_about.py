"""Make my CV, question 10: a short "about me", built by touching sentences."""

from __future__ import annotations

from kiosk.cv.validation import TEXT_MAX
from kiosk.i18n import N_
from ui.cv.phrases import PhraseStep


class CvAboutScreen(PhraseStep):
    NAME = "cv_about"
    TITLE = N_("About you")
    INSTRUCTION = N_("Touch two or three sentences that are true for you.")
    PICTOGRAM = "mdi6.account-heart"
    KIND = "about"
    FIELD = "about"
    COUNT = "about"
    TYPED = N_("Your own sentence")
    TYPED_EXAMPLE = N_("I like working outside.")
    LIMIT = TEXT_MAX
    COLUMNS = 2
