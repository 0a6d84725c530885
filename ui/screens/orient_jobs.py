"""What job could I do?: the answer. Up to ten jobs, best first, each saying why; the
engine's notes (no answer, words not understood, nothing fits) shown and said; when nothing
fits, one button per thing ruled out to take it away. From a job: its offers near the person,
"jobs I want" in the CV, close jobs. The whole list prints as "my possible jobs", and is
kept in the person's saved space ("Keep these jobs", ui.orient.kept): into the space this
visit has open, else through the keep screen (first name and code)."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.catalogue.search import Filters
from kiosk.cv.model import WantedJob
from kiosk.cv.validation import COUNT_MAX, TOO_MANY
from kiosk.errors import Explained
from kiosk.i18n import N_, _, ngettext
from kiosk.orientation import CONSTRAINTS, Result, Suggestion, suggest
from ui import theme
from ui.context import UiContext
from ui.cv.flowlayout import FlowLayout
from ui.cv.scroll import taps_at_once
from ui.cv.secret import WAIT
from ui.cv.state import state_for as cv_state
from ui.cv.step import NAV_HEIGHT, nav_row
from ui.orient.answer import JobCard, job_title
from ui.orient.kept import GONE_TODAY, KEPT_OPEN, missing, order, payload, save_job
from ui.orient.printing import print_sheet, sheet_html
from ui.orient.state import FromJob, state_for
from ui.orient.step import QUESTIONS
from ui.screens.base import Screen
from ui.search.state import Question
from ui.search.state import state_for as search_state
from ui.widgets.spoken import SpokenButton, TLabel

LIMIT = 10
LOOSEN_SHOWN = 3  # the engine's best three things to give up: more is too much to read
LOOKING = N_("Looking for jobs for you…")
PRINTING = N_("Printing. Please take your page from the printer.")
PRINTED = N_("Your jobs are printed. Please take the page from the printer.")
ADDED = N_("Added to your CV: {job}.")
ALREADY = N_("This job is already in your CV.")
CONSTRAINT_LABEL = {c.id: c.label for c in CONSTRAINTS}
KEPT_TITLE = N_("Your kept jobs")
NOT_KEPT = N_("This kiosk cannot keep your jobs today. You can print them.")


class OrientJobsScreen(Screen):
    NAME = "orient_jobs"
    TITLE = N_("Jobs for you")
    INSTRUCTION = N_("The best first. Touch Listen to hear a job, or See the offers.")
    PICTOGRAM = "mdi6.lightbulb-on-outline"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        taps_at_once(self.scroll)
        self.state = state_for(ctx)
        self.result: Result | None = None
        self._request = 0
        self.notes = TLabel(ctx, lambda: self.notes_text(), role="status")
        self.layout_.addWidget(self.notes)
        self.loosen_row = QWidget()
        self.loosen = FlowLayout(self.loosen_row, spacing=16)
        self.layout_.addWidget(self.loosen_row)
        self.loosen_buttons: list[SpokenButton] = []
        # Above the list, where it is seen first: three buttons in the row kept in view would
        # not fit 1280 px in large text.
        self.keep_row = QHBoxLayout()
        self.layout_.addLayout(self.keep_row)
        self.list = QVBoxLayout()
        self.list.setSpacing(theme.SPACING)
        self.layout_.addLayout(self.list)
        self.layout_.addStretch(1)
        self.cards: list[JobCard] = []
        # Kept in view under the list: change the answers, print.
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        self.change = SpokenButton(
            ctx, N_("Change my answers"), "mdi6.arrow-left", hint=N_("Go back to the questions.")
        )
        self.print_button = SpokenButton(
            ctx, N_("Print my jobs"), "mdi6.printer", hint=N_("A page to bring to an adviser.")
        )
        self.keep_button = SpokenButton(
            ctx,
            N_("Keep these jobs"),
            "mdi6.lock",
            hint=N_("Keep them with your first name and a code, to find them next time."),
        )
        for button in (self.change, self.keep_button, self.print_button):
            button.setMinimumHeight(NAV_HEIGHT)
        outer.addLayout(nav_row([self.change], None, [self.print_button]))
        self.change.clicked.connect(lambda: self.navigate.emit(QUESTIONS[-1]))
        self.print_button.clicked.connect(self.print_it)
        self.keep_row.addWidget(self.keep_button)
        self.keep_row.addStretch(1)
        self.keep_button.clicked.connect(self.keep_it)
        self.printer_name = ctx.config.get_str("printer.name")
        ctx.language_changed.connect(self._language_changed)

    # -- texts --------------------------------------------------------------------------------
    def title_text(self) -> str:
        state = getattr(self, "state", None)  # the base class reads the title before it is set
        return _(KEPT_TITLE) if state is not None and state.kept is not None else _(self.TITLE)

    def notes_text(self) -> str:
        if self.result is None:
            return ""
        notes = [n.text() for n in self.result.notes]
        gone = missing(self.state, self.result.suggestions)
        if gone:  # kept last time, not in today's list: named, in French as kept
            notes.append(_(GONE_TODAY).format(jobs=", ".join(gone)))
        if self.result.suggestions and not self.ctx.can_keep():
            notes.append(_(NOT_KEPT))  # why there is no "Keep these jobs"
        return " ".join(notes)

    def count_text(self) -> str:
        if self.result is None:
            return _(LOOKING)
        n = len(self.result.suggestions)
        return ngettext("{n} job for you.", "{n} jobs for you.", n).format(n=n)

    def spoken_intro(self) -> str:
        parts = [self.title_text() + ".", self.count_text(), self.notes_text()]
        if self.result is not None and self.result.suggestions:
            first = self.result.suggestions[0]
            parts.append(
                _("First: {job}. {why}").format(
                    job=job_title(first, self.ctx.language), why=first.why()
                )
            )
            parts.append(_(self.INSTRUCTION))
        return " ".join(p for p in parts if p)

    # -- the answer ---------------------------------------------------------------------------
    def shown(self) -> None:
        self.state.fresh()
        self.title.retranslate()  # "Your kept jobs" when they came back from the space
        self.run()

    def run(self) -> None:
        self._request += 1
        request = self._request
        self.result = None
        self._clear()
        answers = self.state.answers()
        kept = list(self.state.kept or ())

        def work(db: Any, commune: str) -> Result:
            # Kept jobs first, even those today's offers would rank a little lower.
            result = suggest(db, answers, LIMIT * 3 if kept else LIMIT, agency_commune=commune)
            if not kept:
                return result
            ordered = tuple(order(result.suggestions, kept, LIMIT))
            return dataclasses.replace(result, suggestions=ordered)

        self.ctx.tasks.run(
            self.state.catalogue_job(work),
            lambda result: self._arrived(request, result),
            lambda explained: self._failed(request, explained),
            context="orientation",
        )

    def _arrived(self, request: int, result: Result) -> None:
        if request != self._request:
            return  # older answers, overtaken by newer ones
        self.result = result
        self.notes.retranslate()
        for s in result.suggestions:
            card = JobCard(self.ctx, s)
            card.offers_wanted.connect(self.see_offers)
            card.cv_wanted.connect(self.add_to_cv)
            card.close_wanted.connect(self.close_jobs)
            self.list.addWidget(card)
            self.cards.append(card)
        for avoid in result.loosen[:LOOSEN_SHOWN]:
            label = CONSTRAINT_LABEL.get(avoid, avoid)
            button = SpokenButton(
                self.ctx,
                lambda a=label: _("Take away: {thing}").format(thing=_(a)),
                "mdi6.close-circle-outline",
                hint=N_("Look again without this."),
            )
            button.setMinimumHeight(theme.BAR_BUTTON)
            button.clicked.connect(lambda _c=False, a=avoid: self._loosen(a))
            self.loosen.addWidget(button)
            self.loosen_buttons.append(button)
        self.loosen_row.setVisible(bool(self.loosen_buttons))
        self.print_button.setEnabled(bool(result.suggestions))
        self.keep_button.setVisible(bool(result.suggestions) and self.ctx.can_keep())
        if self.isVisible():
            self.ctx.say(self.spoken_intro())

    def _failed(self, request: int, explained: Explained) -> None:
        if request == self._request:
            self.ctx.show_error(explained)

    def _clear(self) -> None:
        for widget in [*self.cards, *self.loosen_buttons]:
            widget.hide()  # deleteLater waits for the event loop; it must vanish now
            widget.deleteLater()
        self.cards, self.loosen_buttons = [], []
        while self.loosen.count():
            self.loosen.takeAt(0)
        self.loosen_row.hide()
        self.keep_button.hide()  # until there are jobs to keep
        self.notes.retranslate()

    def _loosen(self, avoid: str) -> None:
        if avoid in self.state.choices.avoid:
            self.state.choices.avoid.remove(avoid)
        self.run()

    def _language_changed(self, *_args: object) -> None:
        if self.result is not None and self.isVisible():
            self.run()  # names, reasons and notes in the new language

    def forget_person(self) -> None:
        """The session has ended: no job, reason or note of this person's stays on screen."""
        self._request += 1  # an answer still on its way is for nobody now
        self.result = None
        self._clear()
        self.state.forget()

    # -- actions ------------------------------------------------------------------------------
    def see_offers(self, s: Suggestion) -> None:
        near, km = self.state.place()
        search = search_state(self.ctx)
        search.fresh()
        search.question = Question(
            "codes", codes=(s.code,), label=s.label, filters=Filters(near=near, km=km),
            back=self.NAME,
        )  # fmt: skip
        self.navigate.emit("offers")

    def add_to_cv(self, s: Suggestion) -> None:
        state = cv_state(self.ctx)
        state.fresh()
        cv = state.cv
        if any(j.rome == s.code or j.label == s.label for j in cv.wanted_jobs):
            self.ctx.show_result(_(ALREADY), "info")
            return
        limit = COUNT_MAX["wanted_jobs"]
        if len(cv.wanted_jobs) >= limit:
            self.ctx.show_result(_(TOO_MANY).format(limit=limit), "error")
            return
        # The French title: employers in France read the CV in French.
        state.save(cv.add("wanted_jobs", WantedJob(s.label, s.code)))
        self.ctx.show_result(_(ADDED).format(job=job_title(s, self.ctx.language)), "success")

    def keep_it(self) -> None:
        """Into the space this visit has open (found or kept before), else first name and
        code on the keep screen, which comes back here."""
        if not self.result or not self.result.suggestions:
            return
        if not self.ctx.can_keep():
            self.ctx.show_result(_(NOT_KEPT), "info")
            return
        item = payload(self.state.choices, self.result.suggestions)
        space_id = cv_state(self.ctx).space_id
        if space_id is None:
            self.state.to_keep = item
            self.navigate.emit("orient_keep")
            return
        self.keep_button.setEnabled(False)
        self.ctx.show_result(_(WAIT), "info")
        session = self.ctx.kiosk.sessions.current
        self.ctx.tasks.run(
            save_job(self.ctx, space_id, item),
            lambda _none: self._kept(session),
            lambda explained: self._keep_failed(explained, session),
            context="orientation keep",
        )

    def _kept(self, session: str | None) -> None:
        self.keep_button.setEnabled(True)
        if self.ctx.kiosk.sessions.current == session:  # else the person has gone
            self.ctx.show_result(_(KEPT_OPEN), "success")

    def _keep_failed(self, explained: Explained, session: str | None) -> None:
        self.keep_button.setEnabled(True)
        if self.ctx.kiosk.sessions.current == session:
            self.ctx.show_error(explained)

    def close_jobs(self, s: Suggestion) -> None:
        self.state.close_from = FromJob(s.code, s.label)
        self.state.close_back = self.NAME
        self.navigate.emit("orient_close")

    def print_it(self) -> None:
        if not self.result or not self.result.suggestions:
            return
        document = sheet_html(self.result.suggestions, self.ctx.language)
        name = self.printer_name
        self.print_button.setEnabled(False)
        self.ctx.show_result(_(PRINTING), "info")
        self.ctx.tasks.run(
            lambda: print_sheet(document, name),
            lambda _where: self._printed(),
            self._print_failed,
            context="print possible jobs",
        )

    def _printed(self) -> None:
        self.print_button.setEnabled(True)
        self.ctx.show_result(_(PRINTED), "success")

    def _print_failed(self, explained: Explained) -> None:
        self.print_button.setEnabled(True)
        self.ctx.show_error(explained)
