"""Make my CV, question 3: the jobs you have done, as a list."""

from __future__ import annotations

from kiosk.i18n import N_
from ui.cv.entries import EntryListStep


class CvExperiencesScreen(EntryListStep):
    NAME = "cv_experiences"
    TITLE = N_("Your work experience")
    INSTRUCTION = N_(
        "Add each job you have done, even short ones, even without a contract. "
        "If you have never worked, touch Next."
    )
    PICTOGRAM = "mdi6.briefcase"
    FIELD = "experiences"
    EDITOR = "cv_experience"
    ADD = N_("Add a job")
    ADD_HINT = N_("Tell us about one job you have done.")
    EMPTY = N_("No job yet.")
