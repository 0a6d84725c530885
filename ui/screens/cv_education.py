"""Make my CV, question 5: school and diplomas. "No diploma" is a fine answer."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.cv.model import CV
from kiosk.i18n import N_, NC_, _
from ui.context import UiContext
from ui.cv.entries import EntryListStep
from ui.widgets.spoken import SpokenButton

NO_DIPLOMA_SAID = N_("Noted: no diploma. That is fine.")


class CvEducationScreen(EntryListStep):
    NAME = "cv_education"
    TITLE = N_("School and diplomas")
    INSTRUCTION = N_(
        "Add your diplomas and the last class you went to. No diploma? That is fine: "
        "touch “No diploma”."
    )
    EXAMPLE = N_("CAP Cuisine, Lycée Rabelais, 2019")
    PICTOGRAM = "mdi6.school"
    FIELD = "education"
    EDITOR = "cv_school"
    ADD = N_("Add a diploma or a class")
    ADD_HINT = N_("Tell us about one diploma or the last class you went to.")
    EMPTY = N_("Nothing yet.")

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.no_diploma = SpokenButton(
            ctx,
            NC_("cv button", "No diploma"),
            "mdi6.check-circle-outline",
            role="chip",
            hint=N_("I have no diploma. That is fine."),
            icon_size=48,
        )
        self.no_diploma.setCheckable(True)
        self.no_diploma.setMinimumSize(360, 96)
        self.no_diploma.clicked.connect(self._no_diploma)
        self.top.addWidget(self.no_diploma)

    def load(self, cv: CV) -> None:
        super().load(cv)
        self.no_diploma.setChecked(cv.no_diploma)

    def _no_diploma(self, checked: bool) -> None:
        self.state.save(self.state.cv.replace(no_diploma=checked))
        if checked:
            self.ctx.say(_(NO_DIPLOMA_SAID))
