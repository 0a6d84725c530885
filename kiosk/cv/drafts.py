"""Autosave of the CV being made: every step writes kiosk.db in one committed transaction.

The wizard holds a `Draft` and calls `draft.save(cv)` after every step; a power cut loses at
most the field being typed. A walk-in's draft lives in the session (wiped when the session
ends); once the person keeps it, the same `Draft` interface writes to their saved space.
The stored form is the JSON Resume document (`kiosk.cv.jsonresume`), so a draft is also an
exchange file.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Protocol

from kiosk.cv.jsonresume import from_json_resume, to_json_resume
from kiosk.cv.model import CV
from kiosk.cv.spaces import Spaces
from kiosk.cv.validation import FieldError
from kiosk.session import Sessions

log = logging.getLogger(__name__)
KIND = "cv"


class Draft(Protocol):
    def save(self, cv: CV) -> None:
        """Write the CV; committed when this returns."""

    def load(self) -> CV | None:
        """The last saved CV, or None."""


def _read(payload: Any, today: dt.date | None) -> CV | None:
    if payload is None:
        return None
    try:
        return from_json_resume(payload, today)
    except FieldError:
        # A draft saved by an older kiosk, or edited by hand: never block the person.
        log.exception("a saved CV draft could not be read; starting afresh")
        return None


class SessionDraft:
    """The walk-in's CV, in `session_items` (kind "cv"), wiped with the session."""

    def __init__(self, sessions: Sessions, today: dt.date | None = None) -> None:
        self._sessions = sessions
        self._today = today

    def save(self, cv: CV) -> None:
        self._sessions.save(KIND, to_json_resume(cv))

    def load(self) -> CV | None:
        return _read(self._sessions.load(KIND), self._today)


class SpaceDraft:
    """The CV in a saved space (`space_items`, kind "cv"); saving marks the space as used."""

    def __init__(self, spaces: Spaces, space_id: str, today: dt.date | None = None) -> None:
        self._spaces = spaces
        self.space_id = space_id
        self._today = today

    def save(self, cv: CV) -> None:
        self._spaces.save(self.space_id, KIND, to_json_resume(cv))

    def load(self) -> CV | None:
        return _read(self._spaces.load(self.space_id, KIND), self._today)


def keep(spaces: Spaces, cv: CV, first_name: str, code: str) -> SpaceDraft:
    """ "Keep my CV for next time": the space for these answers now holds the CV (its
    other kinds, such as kept jobs, stay), in one transaction.

    The session's copy stays until the session ends (then it is wiped as usual); carry on
    saving through the returned draft.
    """
    space_id = spaces.create(first_name, code, {KIND: to_json_resume(cv)})
    return SpaceDraft(spaces, space_id)
