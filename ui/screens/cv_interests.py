"""Make my CV, question 9: what you like doing in your free time."""

from __future__ import annotations

from kiosk.i18n import N_
from ui.cv.phrases import PhraseStep


class CvInterestsScreen(PhraseStep):
    NAME = "cv_interests"
    TITLE = N_("What you like doing")
    INSTRUCTION = N_("Touch what you like doing in your free time.")
    PICTOGRAM = "mdi6.heart"
    KIND = "interest"
    FIELD = "interests"
    COUNT = "interests"
    TYPED_EXAMPLE = N_("Fishing")
    COLUMNS = 4
