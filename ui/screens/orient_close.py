"""Jobs close to the one I had: from a job the person did (written in their own words, or
picked on the answer screen), the close jobs ROME's mobility links give, the ones with the
most offers nearby first. Touching one opens its offers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget
from sqlite_utils import Database

from kiosk.catalogue.names import job_name
from kiosk.catalogue.search import Filters
from kiosk.errors import Explained
from kiosk.i18n import N_, _, ngettext
from kiosk.orientation import CloseJob, close_jobs, resolve_experience
from ui import theme
from ui.context import UiContext
from ui.cv.fields import Field
from ui.cv.scroll import taps_at_once
from ui.keyboard import OnScreenKeyboard
from ui.orient.state import FromJob, state_for
from ui.screens.base import Screen
from ui.search.state import Question
from ui.search.state import state_for as search_state
from ui.widgets.spoken import SpokenButton, TLabel

WRITE_FIRST = N_("Write the job you did first, then touch Search.")
NOT_UNDERSTOOD = N_("We did not understand this job. Try other words.")
NONE_CLOSE = N_("We know no job close to this one.")
LOOKING = N_("Looking for close jobs…")


@dataclass(frozen=True)
class Found:
    start: FromJob | None  # None: the words name no job we know
    jobs: tuple[CloseJob, ...] = ()


def _local(code: str, french: str, language: str) -> str:
    return job_name(code, language) or french


class OrientCloseScreen(Screen):
    NAME = "orient_close"
    TITLE = N_("Jobs close to mine")
    INSTRUCTION = N_("Write a job you did, as you say it, then touch Search.")
    PICTOGRAM = "mdi6.swap-horizontal"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        taps_at_once(self.scroll)
        self.state = state_for(ctx)
        self.found: Found | None = None
        self._request = 0
        row = QHBoxLayout()
        row.setSpacing(16)
        self.field = Field(ctx, N_("A job you did"), N_("cook"))
        self.field.touched.connect(lambda _f: self._typing())
        self.search = SpokenButton(ctx, N_("Search"), "mdi6.magnify", hint=N_("Find close jobs."))
        self.search.setMinimumSize(200, 80)
        self.search.clicked.connect(self.submit)
        self.back = SpokenButton(ctx, N_("Back"), "mdi6.arrow-left", hint=N_("The screen before."))
        self.back.setMinimumSize(160, 80)
        self.back.clicked.connect(self._back)
        row.addWidget(self.back)
        row.addWidget(self.field, 1)
        row.addWidget(self.search)
        self.layout_.addLayout(row)
        self.heading = TLabel(ctx, lambda: self.heading_text(), role="instruction")
        self.heading.setStyleSheet("font-weight: bold;")
        self.layout_.addWidget(self.heading)
        self.list = QVBoxLayout()
        self.list.setSpacing(12)
        self.layout_.addLayout(self.list)
        self.layout_.addStretch(1)
        self.buttons: list[SpokenButton] = []
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        self.keyboard = OnScreenKeyboard(speak=ctx.say)
        self.keyboard.setMinimumHeight(300)
        self.keyboard.set_target(self.field.edit)
        self.keyboard.submitted.connect(self.submit)
        outer.addWidget(self.keyboard)
        ctx.language_changed.connect(lambda *_a: self.keyboard.retranslate())

    # -- texts --------------------------------------------------------------------------------
    def heading_text(self) -> str:
        found = getattr(self, "found", None)
        if found is None:
            start = getattr(getattr(self, "state", None), "close_from", None)
            return _(LOOKING) if start is not None else ""
        if found.start is None:
            return _(NOT_UNDERSTOOD)
        name = _local(found.start.code, found.start.label, self.ctx.language)
        if not found.jobs:
            return f"{name}: {_(NONE_CLOSE)}"
        return _("Jobs close to {job}. Touch one to see its offers.").format(job=name)

    def spoken_intro(self) -> str:
        if self.state.close_from is None:
            return super().spoken_intro()
        parts = [self.title_text() + ".", self.heading_text()]
        if self.found is not None:
            parts += [b.accessibleName() + "." for b in self.buttons[:3]]
        return " ".join(p for p in parts if p)

    # -- showing ------------------------------------------------------------------------------
    def shown(self) -> None:
        self.state.fresh()
        start = self.state.close_from
        self.field.set_text("")
        if start is None:
            self.found = None
            self._clear()
            self.heading.retranslate()
            # The keyboard comes when the box is touched, as on the other questions.
            self.keyboard.hide()
            return
        self.keyboard.hide()
        self.run(lambda db: start)

    def _typing(self, speak: bool = True) -> None:
        self.keyboard.set_language(self.ctx.language)
        self.keyboard.set_target(self.field.edit)
        self.keyboard.show()
        self.field.edit.setFocus()
        if speak:
            self.ctx.say(self.field.caption_text())

    def submit(self) -> None:
        text = " ".join(self.field.text().split())
        if not text:
            self.ctx.show_result(_(WRITE_FIRST), "info")
            return

        def start_from(db: Database) -> FromJob | None:
            understood = resolve_experience(db, text)
            if not understood.codes:
                return None
            code = understood.codes[0]
            row = db.execute("SELECT label FROM occupations WHERE code = ?", [code]).fetchone()
            return FromJob(code, str(row[0]) if row else code)

        self.keyboard.hide()
        self.run(start_from)

    def run(self, start_from: Callable[[Database], FromJob | None]) -> None:
        self._request += 1
        request = self._request
        self.found = None
        self._clear()
        self.heading.set_source(lambda: _(LOOKING))
        near, km = self.state.place()

        def work(db: Database, commune: str) -> Found:
            start = start_from(db)
            if start is None:
                return Found(None)
            jobs = close_jobs(db, start.code, near, km, agency_commune=commune)
            return Found(start, tuple(jobs))

        self.ctx.tasks.run(
            self.state.catalogue_job(work),
            lambda found: self._arrived(request, found),
            lambda explained: self._failed(request, explained),
            context="close jobs",
        )

    def _arrived(self, request: int, found: Found) -> None:
        if request != self._request:
            return
        self.found = found
        if found.start is not None:
            self.state.close_from = found.start
        self.heading.set_source(lambda: self.heading_text())
        for job in found.jobs:
            button = SpokenButton(
                self.ctx,
                lambda j=job: ngettext("{job}: {n} offer", "{job}: {n} offers", j.offers).format(
                    job=_local(j.code, j.label, self.ctx.language), n=j.offers
                ),
                "mdi6.briefcase",
                hint=lambda j=job: _("In French: {job}").format(job=j.label),
            )
            button.setMinimumHeight(theme.BAR_BUTTON)
            button.clicked.connect(lambda _c=False, j=job: self.see_offers(j))
            self.list.addWidget(button)
            self.buttons.append(button)
        if found.start is None:
            self.ctx.show_result(_(NOT_UNDERSTOOD), "info")
        elif self.isVisible():
            self.ctx.say(self.spoken_intro())

    def _failed(self, request: int, explained: Explained) -> None:
        if request == self._request:
            self.ctx.show_error(explained)

    def _clear(self) -> None:
        for button in self.buttons:
            button.hide()
            button.deleteLater()
        self.buttons = []

    def see_offers(self, job: CloseJob) -> None:
        near, km = self.state.place()
        search = search_state(self.ctx)
        search.fresh()
        search.question = Question(
            "codes", codes=(job.code,), label=job.label, filters=Filters(near=near, km=km),
            back=self.NAME,
        )  # fmt: skip
        self.navigate.emit("offers")

    def _back(self) -> None:
        self.navigate.emit(self.state.close_back)

    def forget_person(self) -> None:
        """The session has ended: no job typed or found stays on screen."""
        self._request += 1
        self.found = None
        self.field.set_text("")
        self._clear()
        self.state.forget()
        self.heading.set_source(lambda: self.heading_text())
