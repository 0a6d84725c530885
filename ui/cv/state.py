"""What the CV screens share for one person: the CV being made, where it is autosaved, the
entry being edited and the template chosen. Screens are built once and navigate by name, so
they meet here rather than passing arguments.

Every change goes through `save`, which writes the draft in a committed transaction before
the screen moves on (kiosk.cv.drafts). A walk-in's CV lives in the session and is wiped with
it; once kept, it lives in the person's saved space.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject

from kiosk.cv.drafts import Draft, SessionDraft, SpaceDraft, keep
from kiosk.cv.model import CV
from kiosk.cv.network import spaces_for
from kiosk.cv.spaces import Spaces, purge_expired
from kiosk.cv.templates import DEFAULT
from kiosk.errors import Explained
from kiosk.services import KIOSK_FILE
from kiosk.storage.database import connect
from ui.context import UiContext

T = TypeVar("T")


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
        # A kept CV is saved off the UI thread (the hub may take seconds): the last one wins.
        self._writes = 0
        self._write_lock = threading.Lock()

    def spaces(self) -> Spaces:
        """At the agency's hub when one is configured (kiosk.cv.network), else this kiosk's:
        every call may wait on the network, so callers run it through ctx.tasks."""
        return spaces_for(self.ctx.config, self.ctx.kiosk.store)

    def _job(self, work: Callable[[Spaces], T]) -> Callable[[], T]:
        """`work` for a worker thread, on its own connection (SQLite's are not shared)."""
        config, path = self.ctx.config, self.ctx.kiosk.data_dir / KIOSK_FILE

        def run() -> T:
            db = connect(path, secure_delete=True)
            try:
                return work(spaces_for(config, db))
            finally:
                db.conn.close()

        return run

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
        """Autosave: a walk-in's draft is committed when this returns; a kept CV is written
        off the UI thread, the newest version last, and a failure is shown."""
        self.cv = cv
        if not isinstance(self.draft, SpaceDraft):
            self.draft.save(cv)
            return
        space_id = self.draft.space_id
        self._writes += 1
        mine = self._writes

        def write(spaces: Spaces) -> None:
            with self._write_lock:
                if mine == self._writes:  # else a newer version is on its way
                    SpaceDraft(spaces, space_id).save(cv)

        session = self.ctx.kiosk.sessions.current
        self.ctx.tasks.run(
            self._job(write),
            None,
            lambda explained: self._write_failed(explained, session),
            "cv space save",
        )

    def _write_failed(self, explained: Explained, session: str | None) -> None:
        # The hub may answer after the person has gone: their failure is not the next
        # person's to see or hear.
        if self.ctx.kiosk.sessions.current == session:
            self.ctx.show_result(explained.user, "error")

    def is_empty(self) -> bool:
        return self.cv.replace(language="fr") == CV()

    def start_again(self) -> None:
        self.editing = None
        self.save(CV(language=self._cv_language()))

    # --- saved spaces ---------------------------------------------------------------------

    def keep_job(self, first_name: str, code: str) -> Callable[[], str]:
        """ "Keep my CV", to run off the UI thread: the new space's id, for `adopt`."""
        cv = self.cv
        return self._job(lambda spaces: keep(spaces, cv, first_name, code).space_id)

    def open_job(self, first_name: str, code: str) -> Callable[[], tuple[str, CV | None]]:
        """ "Find my CV", to run off the UI thread (scrypt, maybe the hub)."""
        today = self.today()

        def work(spaces: Spaces) -> tuple[str, CV | None]:
            space_id = spaces.open(first_name, code)
            return space_id, SpaceDraft(spaces, space_id, today).load()

        return self._job(work)

    def adopt(self, space_id: str, opened: tuple[str, CV | None] | None = None) -> None:
        """From now on the CV is saved in the space `space_id`; `opened`: the CV found in it
        replaces the one on screen."""
        self.draft = SpaceDraft(self.spaces(), space_id, self.today())
        self.space_id = space_id
        if opened is not None:
            self.cv = opened[1] or CV(language=self._cv_language())
            self.editing = None

    def delete_job(self) -> Callable[[], bool]:
        """ "Delete my data": the space, off the UI thread; then `forget_space`."""
        space_id = self.space_id
        return self._job(lambda spaces: space_id is not None and spaces.delete(space_id))

    def forget_space(self) -> None:
        """The space is gone: the session's copy goes with it."""
        self.space_id = None
        self.draft = SessionDraft(self.ctx.kiosk.sessions, self.today())
        self.start_again()


def state_for(ctx: UiContext) -> CvState:
    """The one CV state per context, made on first use."""
    found = ctx.findChild(CvState)
    return found if isinstance(found, CvState) else CvState(ctx)
