"""What job could I do?: keep the jobs for next time, or find the jobs kept last time. The
CV's own keep and find screens (first name, a 6-digit code typed twice, dots, the code wiped
once used, the hub's answers) with the jobs as what is kept or found: one way to type a code
in the whole kiosk, and one saved space per person holding their CV and their jobs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from kiosk.cv.drafts import KIND as CV_KIND
from kiosk.cv.drafts import SpaceDraft
from kiosk.cv.jsonresume import to_json_resume
from kiosk.cv.model import CV
from kiosk.cv.spaces import Spaces
from kiosk.i18n import N_, _
from ui.context import UiContext
from ui.cv.step import NAV_WIDTHS
from ui.orient.kept import FOUND, KEPT_OPEN, KIND, NONE_KEPT, bring_back, spaces_job
from ui.orient.state import state_for
from ui.screens.cv_find import CvFindScreen
from ui.screens.cv_keep import CvKeepScreen
from ui.widgets.spoken import SpokenButton

ANSWER = "orient_jobs"
CV_STAYS = N_(
    "The CV you made today stays on screen. The CV you kept before is still kept: "
    "touch “Find my CV” to see it."
)
KEPT_NEW = N_(
    "Your jobs are kept, {name}. Next time, touch “My kept jobs”, then give your first name "
    "and your code. They are deleted after {days} days without a visit."
)


class OrientKeepScreen(CvKeepScreen):
    NAME = "orient_keep"
    TITLE = N_("Keep my jobs for next time")
    ACTION = N_("Keep my jobs")
    ACTION_HINT = N_("Keep your jobs with this first name and this code.")

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.orient = state_for(ctx)
        # Someone who kept a CV or jobs before adds to that space rather than replace it.
        self.have_code = SpokenButton(
            ctx,
            N_("I already have a code"),
            "mdi6.folder-account",
            hint=N_("Add these jobs to what you kept before."),
        )
        self.have_code.setMinimumSize(NAV_WIDTHS[0], self.action.minimumHeight() or 88)
        self.have_code.clicked.connect(self._have_code)
        self.nav.insertWidget(self.nav.indexOf(self.action), self.have_code)

    def _have_code(self) -> None:
        self.wipe()
        self.leave("orient_find")

    def prepare(self) -> Callable[[], Any]:
        super().prepare()  # the same checks as "Keep my CV": name, code, the two codes alike
        first_name, code = self._name, self.code.text()
        to_keep = self.orient.to_keep
        items: dict[str, Any] = {KIND: to_keep} if to_keep is not None else {}
        cv = self.state.cv
        if not self.state.is_empty():  # the CV begun in this visit is kept beside the jobs
            items[CV_KIND] = to_json_resume(cv)
        today = dt.date.today()

        def work(spaces: Spaces) -> tuple[str, CV | None]:
            space_id = spaces.create(first_name, code, items)
            # Answers that were a space already: it may hold a CV kept before.
            return space_id, SpaceDraft(spaces, space_id, today).load()

        return spaces_job(self.ctx, work)

    def finish(self, answer: Any) -> None:
        space_id, kept_cv = answer
        # The CV now saves into this space too. With no CV begun in this visit, the one
        # kept before comes on screen: an empty CV saved over it would lose it.
        empty = self.state.is_empty()
        self.state.adopt(space_id, answer if empty and kept_cv is not None else None)
        self.orient.to_keep = None
        days = self.ctx.config.get_int("spaces.expiry_days")
        self.leave(ANSWER)
        self.ctx.show_result(_(KEPT_NEW).format(name=self.take_name(), days=days), "success")

    def next_screen(self) -> str:
        return ANSWER

    def back_screen(self) -> str:
        return ANSWER


class OrientFindScreen(CvFindScreen):
    """Opens the person's space: the jobs waiting to be kept are added to it, else the jobs
    kept last time come back on the answer screen."""

    NAME = "orient_find"
    TITLE = N_("Find what I kept")
    ACTION = N_("Open")
    ACTION_HINT = N_("Open what you kept with this first name and this code.")

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.orient = state_for(ctx)

    def prepare(self) -> Callable[[], Any]:
        first_name, code = self.first_name.text(), self.code.text()
        to_keep = self.orient.to_keep
        today = dt.date.today()

        def work(spaces: Spaces) -> tuple[str, CV | None, Any]:
            space_id = spaces.open(first_name, code)
            cv = SpaceDraft(spaces, space_id, today).load()
            if to_keep is not None:
                spaces.save(space_id, KIND, to_keep)
                return space_id, cv, None
            return space_id, cv, spaces.load(space_id, KIND)

        return spaces_job(self.ctx, work)

    def finish(self, answer: Any) -> None:
        space_id, cv, found = answer
        # The person came for jobs, not to swap CVs: a CV begun in this visit stays on
        # screen and the one kept in the space stays there ("Find my CV" opens it). The
        # space is then not this visit's CV's, else the next autosave would write over the
        # kept CV. With no CV of this visit, the kept one is the person's from now on.
        both = cv is not None and not self.state.is_empty()
        if not both:
            self.state.adopt(space_id, (space_id, cv) if cv is not None else None)
        stays = f" {_(CV_STAYS)}" if both else ""
        if self.orient.to_keep is not None:
            self.orient.to_keep = None
            self.leave(ANSWER)
            self.ctx.show_result(_(KEPT_OPEN) + stays, "success")
            return
        back = bring_back(self.orient, found)
        self.leave(ANSWER if back else "orient")
        said = _(FOUND if back else NONE_KEPT) + stays
        self.ctx.show_result(said, "success" if back else "info")

    def back_screen(self) -> str:
        return ANSWER if self.orient.to_keep is not None else "orient"
