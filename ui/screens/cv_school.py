"""Make my CV: one diploma or the last class: its name, the school, when, obtained or not."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.cv.model import CV, Education
from kiosk.i18n import N_
from ui.context import UiContext
from ui.cv.chips import ChipGrid
from ui.cv.editor import DATES, TOWN, TOWN_EXAMPLE, EntryEditor
from ui.cv.fields import Field

OBTAINED, NOT_OBTAINED = "yes", "no"


class CvSchoolScreen(EntryEditor):
    NAME = "cv_school"
    TITLE = N_("One diploma or class")
    INSTRUCTION = N_("Write the diploma or the class. Did you get the diploma? Touch yes or no.")
    PICTOGRAM = "mdi6.school"
    FIELD = "education"
    LIST = "cv_education"
    REQUIRED = "title"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        specs = (
            ("title", N_("Diploma or class"), N_("CAP Cuisine")),
            ("school", N_("School"), N_("Lycée Rabelais")),
            ("town", TOWN, TOWN_EXAMPLE),
            ("period", DATES, N_("2017 to 2019")),
        )
        for i, (key, caption, example) in enumerate(specs):
            grid.addWidget(self.register(key, Field(ctx, caption, example)), i // 2, i % 2)
        self.body.addLayout(grid)
        self.obtained = ChipGrid(ctx, columns=2, exclusive=True)
        self.obtained.set_options(
            [(OBTAINED, N_("I got the diploma")), (NOT_OBTAINED, N_("I did not get it"))]
        )
        self.body.addWidget(self.obtained)
        self.body.addStretch(1)

    def load(self, cv: CV) -> None:
        entry = self.current(cv)
        for key in ("title", "school", "town"):
            self.fields[key].set_text(getattr(entry, key) if entry else "")
        self.fields["period"].set_text(self.period_text(entry.period) if entry else "")
        self.obtained.set_selected(
            [OBTAINED if (entry is None or entry.obtained) else NOT_OBTAINED]
        )

    def build(self, cv: CV, strict: bool) -> Education:
        old = self.current(cv) or Education("")
        return Education(
            title=self.read("title", strict, old.title, required=True),
            school=self.read("school", strict, old.school),
            town=self.read("town", strict, old.town),
            period=self.read_period(strict, old.period),
            obtained=NOT_OBTAINED not in self.obtained.selected(),
        )
