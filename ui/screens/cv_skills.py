"""Make my CV, question 6: what you know how to do, suggested for the jobs you want."""

from __future__ import annotations

from kiosk.cv.model import CV
from kiosk.cv.suggestions import Phrase
from kiosk.i18n import N_
from ui.cv.phrases import PhraseStep, suggested


class CvSkillsScreen(PhraseStep):
    NAME = "cv_skills"
    TITLE = N_("What you know how to do")
    INSTRUCTION = N_("Touch what you know how to do. Touch again to take it away.")
    PICTOGRAM = "mdi6.star"
    KIND = "skill"
    FIELD = "skills"
    COUNT = "skills"
    TYPED_EXAMPLE = N_("Driving a forklift")

    def suggestions(self, cv: CV) -> list[Phrase]:
        return suggested("skill", cv)
