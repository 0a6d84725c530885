"""Make my CV: what you did in one job, by touching tasks (suggested for the jobs you want)."""

from __future__ import annotations

import dataclasses

from kiosk.cv.model import CV, Experience, Term
from kiosk.cv.suggestions import Phrase
from kiosk.cv.validation import TASK_MAX
from kiosk.i18n import N_, _
from ui.cv.phrases import PhraseStep, suggested

FOR_JOB = N_("What did you do as {job}? Touch your tasks.")


class CvTasksScreen(PhraseStep):
    NAME = "cv_tasks"
    TITLE = N_("Your tasks")
    INSTRUCTION = N_("Touch what you did in this job. You can also write a task.")
    PICTOGRAM = "mdi6.format-list-checks"
    KIND = "task"
    COUNT = "tasks"
    TYPED_EXAMPLE = N_("Cleaned the kitchen every evening")
    LIMIT = TASK_MAX
    SKIPPABLE = True

    def _job(self, cv: CV) -> Experience | None:
        i = self.state.editing
        return cv.experiences[i] if i is not None and i < len(cv.experiences) else None

    def instruction_text(self) -> str:
        state = getattr(self, "state", None)  # None while the base class builds the labels
        job = self._job(state.cv) if state is not None else None
        return _(FOR_JOB).format(job=job.job) if job else super().instruction_text()

    def where(self, cv: CV) -> str:
        return f"experiences[{self.state.editing}].tasks"

    def terms(self, cv: CV) -> tuple[Term, ...]:
        job = self._job(cv)
        return job.tasks if job else ()

    def with_terms(self, cv: CV, terms: tuple[Term, ...]) -> CV:
        job = self._job(cv)
        if job is None or self.state.editing is None:
            return cv
        return cv.put("experiences", self.state.editing, dataclasses.replace(job, tasks=terms))

    def suggestions(self, cv: CV) -> list[Phrase]:
        return suggested("task", cv)

    def shown(self) -> None:
        super().shown()
        self.instruction.retranslate()

    def next_screen(self) -> str:
        return "cv_experiences"

    def back_screen(self) -> str:
        return "cv_experience"
