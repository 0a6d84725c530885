"""Make my CV: one experience besides jobs: what kind, what you did, where, when."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.cv.model import CV, OtherExperience, OtherKind
from kiosk.i18n import N_
from ui.context import UiContext
from ui.cv.chips import ChipGrid
from ui.cv.editor import DATES, DATES_EXAMPLE, TOWN, TOWN_EXAMPLE, EntryEditor
from ui.cv.fields import Field

KINDS = {
    OtherKind.FAMILY: N_("Helping my family"),
    OtherKind.VOLUNTEERING: N_("Volunteering"),
    OtherKind.SPORT: N_("Sport"),
    OtherKind.INTERNSHIP: N_("Internship"),
    OtherKind.ODD_JOBS: N_("Small jobs"),
    OtherKind.OTHER: N_("Something else"),
}


class CvOtherScreen(EntryEditor):
    NAME = "cv_other"
    TITLE = N_("One experience")
    INSTRUCTION = N_("Touch what kind it is. Then say what you did.")
    PICTOGRAM = "mdi6.hand-heart"
    FIELD = "other_experiences"
    LIST = "cv_others"
    REQUIRED = "title"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.kinds = ChipGrid(ctx, columns=3, exclusive=True)
        self.kinds.set_options([(k.value, label) for k, label in KINDS.items()])
        self.body.addWidget(self.kinds)
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        specs = (
            ("title", N_("What you did"), N_("I coach the children's football team")),
            ("organisation", N_("With whom (a club, a charity)"), N_("FC Vaulx")),
            ("town", TOWN, TOWN_EXAMPLE),
            ("period", DATES, DATES_EXAMPLE),
        )
        for i, (key, caption, example) in enumerate(specs):
            grid.addWidget(self.register(key, Field(ctx, caption, example)), i // 2, i % 2)
        self.body.addLayout(grid)
        self.body.addStretch(1)

    def load(self, cv: CV) -> None:
        entry = self.current(cv)
        self.kinds.set_selected([entry.kind.value] if entry else [])
        for key in ("title", "organisation", "town"):
            self.fields[key].set_text(getattr(entry, key) if entry else "")
        self.fields["period"].set_text(self.period_text(entry.period) if entry else "")

    def build(self, cv: CV, strict: bool) -> OtherExperience:
        old = self.current(cv) or OtherExperience(OtherKind.OTHER, "")
        chosen = self.kinds.selected()
        return OtherExperience(
            kind=OtherKind(chosen[0]) if chosen else old.kind,
            title=self.read("title", strict, old.title, required=True),
            organisation=self.read("organisation", strict, old.organisation),
            town=self.read("town", strict, old.town),
            period=self.read_period(strict, old.period),
            tasks=old.tasks,
            summary=old.summary,
        )
