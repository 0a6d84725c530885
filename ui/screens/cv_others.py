"""Make my CV, question 4: what counts besides jobs (family, volunteering, sport...)."""

from __future__ import annotations

from kiosk.i18n import N_
from ui.cv.entries import EntryListStep


class CvOthersScreen(EntryListStep):
    NAME = "cv_others"
    TITLE = N_("Other experience")
    INSTRUCTION = N_(
        "Helping your family, volunteering or sport count too. "
        "So do internships and small jobs. Add what you have done."
    )
    EXAMPLE = N_("I looked after my little brothers. I coach a football team.")
    PICTOGRAM = "mdi6.hand-heart"
    FIELD = "other_experiences"
    EDITOR = "cv_other"
    ADD = N_("Add an experience")
    ADD_HINT = N_("Tell us about something you have done.")
    EMPTY = N_("Nothing yet.")
