"""Make my CV, question 2: the job or jobs you want, found as you would say them."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.catalogue.resolve import Occupation
from kiosk.cv.model import CV, WantedJob
from kiosk.cv.validation import COUNT_MAX, TOO_MANY, FieldError, clean_required
from kiosk.errors import Explained
from kiosk.i18n import N_, _
from ui.context import UiContext
from ui.cv.chips import ChipGrid
from ui.cv.fields import Field
from ui.cv.occupations import occupations_job
from ui.cv.scroll import scroll_area
from ui.cv.step import StepScreen
from ui.widgets.spoken import SpokenButton, TLabel

NOTHING_FOUND = N_("We found no job with these words. Touch “Add as written” to keep them.")
FOUND = N_("Touch the job you want.")
CHOSEN = N_("Your jobs. Touch one to remove it.")


class CvJobsScreen(StepScreen):
    NAME = "cv_jobs"
    TITLE = N_("What job do you want?")
    INSTRUCTION = N_("Write the job as you say it, then touch Search. You can choose several.")
    EXAMPLE = N_("cook, cleaner, warehouse worker")
    PICTOGRAM = "mdi6.briefcase-search"
    KEYBOARD = True

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._generation = 0
        row = QHBoxLayout()
        self.query = self.register("label", Field(ctx, N_("Job")))
        row.addWidget(self.query, 1)
        self.search = SpokenButton(ctx, N_("Search"), "mdi6.magnify", hint=N_("Find this job."))
        self.add_typed = SpokenButton(
            ctx, N_("Add as written"), "mdi6.plus", hint=N_("Keep the job as you wrote it.")
        )
        for button in (self.search, self.add_typed):
            button.setMinimumHeight(80)
            row.addWidget(button)
        self.body.addLayout(row)
        self.results_label = TLabel(ctx, FOUND)
        self.results = ChipGrid(ctx, columns=2)
        self.chosen_label = TLabel(ctx, CHOSEN)
        self.chosen = ChipGrid(ctx, columns=3)
        self.body.addWidget(self.results_label)
        self.body.addWidget(scroll_area(self.results), 1)
        self.body.addWidget(self.chosen_label)
        self.body.addWidget(self.chosen)
        self.found: list[Occupation] = []
        self.search.clicked.connect(self.run_search)
        self.add_typed.clicked.connect(self.add_as_written)
        self.results.toggled.connect(self._picked)
        self.chosen.toggled.connect(self._unpicked)

    def load(self, cv: CV) -> None:
        self.query.set_text("")
        self.results.set_options([])
        self.results_label.hide()
        self._show_chosen(cv)

    def _show_chosen(self, cv: CV) -> None:
        self.chosen.set_options(
            [(str(i), lambda j=j.label: j) for i, j in enumerate(cv.wanted_jobs)]
        )
        self.chosen.set_selected(list(self.chosen.chips))
        self.chosen_label.setVisible(bool(cv.wanted_jobs))

    def submit_field(self) -> None:
        self.run_search()

    def run_search(self) -> None:
        self.clear_errors()
        text = self.query.text().strip()
        if not text:
            self.show_problem(FieldError("label", N_("Please write a job first.")))
            return
        self._generation += 1
        generation = self._generation
        self.ctx.tasks.run(
            occupations_job(self.ctx, text),
            lambda found: self._found(generation, found),
            self._failed,
            context="cv occupations",
        )

    def _found(self, generation: int, found: list[Occupation]) -> None:
        if generation != self._generation:
            return  # an older search answered late
        self.found = found
        self.results.set_options([(o.code, lambda o=o: o.label) for o in found])
        self.results_label.set_source(FOUND if found else NOTHING_FOUND)
        self.results_label.show()
        labels = ", ".join(o.label for o in found[:3])
        self.ctx.say(f"{self.results_label.text()} {labels}".strip())

    def _failed(self, explained: Explained) -> None:
        self.error.set_source(lambda: explained.user)
        self.error.show()
        self.ctx.say(explained.user)

    def _add(self, job: WantedJob) -> None:
        cv = self.state.cv
        if any(j.label == job.label for j in cv.wanted_jobs):
            return
        if len(cv.wanted_jobs) >= COUNT_MAX["wanted_jobs"]:
            self.show_problem(FieldError("wanted_jobs", TOO_MANY, limit=COUNT_MAX["wanted_jobs"]))
            return
        cv = cv.add("wanted_jobs", job)
        self.state.save(cv)
        self._show_chosen(cv)
        self.ctx.say(_("Added: {item}").format(item=job.label))

    def _picked(self, code: str, on: bool) -> None:
        if on:
            match = next(o for o in self.found if o.code == code)
            self._add(WantedJob(match.label, match.code))

    def add_as_written(self) -> None:
        self.clear_errors()
        try:
            label = clean_required(self.query.text(), "label")
        except FieldError as exc:
            self.show_problem(exc)
            return
        self._add(WantedJob(label))

    def _unpicked(self, key: str, on: bool) -> None:
        if not on:
            cv = self.state.cv
            removed = cv.wanted_jobs[int(key)].label
            cv = cv.remove("wanted_jobs", int(key))
            self.state.save(cv)
            self._show_chosen(cv)
            self.ctx.say(_("Removed: {item}").format(item=removed))
