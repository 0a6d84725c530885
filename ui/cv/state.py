"""What the CV screens share for one person: the CV being made, where it is autosaved, the
entry being edited and the template chosen. Screens are built once and navigate by name, so
they meet here rather than passing arguments.

Every change goes through `save`, which writes the draft in a committed transaction before
the screen moves on (kiosk.cv.drafts). A walk-in's CV lives in the session and is wiped with
it; once kept, it lives in the person's saved space.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.cv.drafts import Draft, SessionDraft, SpaceDraft, keep
from kiosk.cv.model import CV
from kiosk.cv.spaces import Spaces, purge_expired
from kiosk.cv.templates import DEFAULT
from ui.context import UiContext


class CvState(QObject):
    def __init__(self, ctx: UiContext, today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.today = today
        self._session: str | None = None
        self.cv = CV()
        self.draft: Draft = SessionDraft(ctx.kiosk.sessions)
        self.space_id: str | None = None
        self.template = DEFAULT
        self.editing: int | None = None  # the entry open in an editor; None: a new one

    def spaces(self) -> Spaces:
        return Spaces(self.ctx.kiosk.store)

    def fresh(self) -> None:
        """A new person gets a blank CV in their own session; the last one's is gone."""
        current = self.ctx.kiosk.sessions.current
        if current == self._session:
            return
        self._session = current
        self.space_id = None
        self.template = DEFAULT
        self.editing = None
        self.draft = SessionDraft(self.ctx.kiosk.sessions, self.today())
        self.cv = self.draft.load() or CV(language=self._cv_language())
        # Spaces unused for too long go now, before anyone can open one.
        days = self.ctx.config.get_int("spaces.expiry_days")
        purge_expired(self.ctx.kiosk.store, dt.datetime.now(dt.UTC), days)

    def forget(self) -> None:
        """The session has ended: nothing of the person's CV stays in memory."""
        self._session = None
        self.space_id = None
        self.template = DEFAULT
        self.editing = None
        self.cv = CV(language=self._cv_language())
        self.draft = SessionDraft(self.ctx.kiosk.sessions, self.today())

    def _cv_language(self) -> str:
        # Employers in France read French: the CV is printed in French unless the person
        # chooses otherwise on the preview.
        return "fr"

    def save(self, cv: CV) -> None:
        """Autosave: committed when this returns."""
        self.draft.save(cv)
        self.cv = cv

    def is_empty(self) -> bool:
        return self.cv.replace(language="fr") == CV()

    def start_again(self) -> None:
        self.editing = None
        self.save(CV(language=self._cv_language()))

    # --- saved spaces ---------------------------------------------------------------------

    def keep(self, first_name: str, code: str) -> None:
        draft = keep(self.spaces(), self.cv, first_name, code)
        self.draft, self.space_id = draft, draft.space_id

    def open_space(self, first_name: str, code: str) -> None:
        space_id = self.spaces().open(first_name, code)
        draft = SpaceDraft(self.spaces(), space_id, self.today())
        self.draft, self.space_id = draft, space_id
        self.cv = draft.load() or CV(language=self._cv_language())
        self.editing = None

    def delete_space(self) -> None:
        """ "Delete my data": the space at once, and the session's copy with it."""
        if self.space_id is not None:
            self.spaces().delete(self.space_id)
        self.space_id = None
        self.draft = SessionDraft(self.ctx.kiosk.sessions, self.today())
        self.start_again()


def state_for(ctx: UiContext) -> CvState:
    """The one CV state per context, made on first use."""
    found = ctx.findChild(CvState)
    return found if isinstance(found, CvState) else CvState(ctx)
