"""Make my CV: one job (what, where, when); its tasks come on the next screen."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.cv.model import CV, Experience
from kiosk.i18n import N_
from ui.context import UiContext
from ui.cv.editor import DATES, DATES_EXAMPLE, TOWN, TOWN_EXAMPLE, EntryEditor
from ui.cv.fields import Field


class CvExperienceScreen(EntryEditor):
    NAME = "cv_experience"
    TITLE = N_("One job")
    INSTRUCTION = N_("What was the job? Who was the employer? When? Only the job is needed.")
    PICTOGRAM = "mdi6.briefcase-edit"
    FIELD = "experiences"
    LIST = "cv_experiences"
    REQUIRED = "job"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        specs = (
            ("job", N_("The job"), N_("Kitchen assistant")),
            ("employer", N_("The employer"), N_("Restaurant Le Bistrot")),
            ("town", TOWN, TOWN_EXAMPLE),
            ("period", DATES, DATES_EXAMPLE),
        )
        for i, (key, caption, example) in enumerate(specs):
            grid.addWidget(self.register(key, Field(ctx, caption, example)), i // 2, i % 2)
        self.body.addLayout(grid)
        self.body.addStretch(1)

    def load(self, cv: CV) -> None:
        job = self.current(cv)
        self.fields["job"].set_text(job.job if job else "")
        self.fields["employer"].set_text(job.employer if job else "")
        self.fields["town"].set_text(job.town if job else "")
        self.fields["period"].set_text(self.period_text(job.period) if job else "")

    def build(self, cv: CV, strict: bool) -> Experience:
        old = self.current(cv) or Experience("")
        return Experience(
            job=self.read("job", strict, old.job, required=True),
            employer=self.read("employer", strict, old.employer),
            town=self.read("town", strict, old.town),
            period=self.read_period(strict, old.period),
            tasks=old.tasks,
            summary=old.summary,
        )

    def next_screen(self) -> str:
        return "cv_tasks"
