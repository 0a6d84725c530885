"""What the "What job could I do?" screens share for one person: the answers given so far,
the job the close jobs are asked from, and the last answer found. Screens are built once and
navigate by name, so they meet here rather than passing arguments.

Everything lives in memory for the session only: a new session starts blank and the window's
wipe calls `forget` (ui.forget), so nothing of the person is left. What the person asks to
keep goes into their saved space (ui.orient.kept), never into this kiosk's session rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject

from kiosk.orientation import Answers
from kiosk.storage import connect
from ui.context import UiContext
from ui.search.state import state_for as search_state

MAX_INTERESTS = 3
MAX_TYPED = 20  # the engine uses 20 experiences at most
# Offers are counted, and then listed, this far around the person's town unless they chose a
# distance in the search: the same figure on the answer and on the offers list.
NEARBY_KM = 20


@dataclass
class Choices:
    interests: list[int] = field(default_factory=list)
    activities: list[str] = field(default_factory=list)
    typed: list[str] = field(default_factory=list)  # the person's own words
    avoid: list[str] = field(default_factory=list)
    diploma: str | None = None


@dataclass(frozen=True)
class FromJob:
    """The job "Jobs close to the one I had" starts from: a ROME code and its name."""

    code: str
    label: str


class OrientState(QObject):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self._session: str | None = None
        self.choices = Choices()
        self.close_from: FromJob | None = None
        self.close_back = "orient"  # where "Back" leaves the close jobs for
        # The codes of the jobs brought back from the saved space, in their kept order; None
        # when the answer on screen is this visit's own.
        self.kept: list[str] | None = None
        # Their French labels as kept: a job today's list no longer holds is still named.
        self.kept_labels: dict[str, str] = {}
        # The jobs to keep once the keep or find screens have opened a space: the answer
        # screen's, until it is written or the person leaves.
        self.to_keep: dict[str, Any] | None = None

    def fresh(self) -> None:
        """A new person starts with no answer; the last person's are gone."""
        current = self.ctx.kiosk.sessions.current
        if current != self._session:
            self._session = current
            self.choices = Choices()
            self.close_from = None
            self.kept = None
            self.kept_labels = {}
            self.to_keep = None

    def forget(self) -> None:
        """The session has ended: nothing the person answered stays in memory."""
        self._session = None
        self.choices = Choices()
        self.close_from = None
        self.kept = None
        self.kept_labels = {}
        self.to_keep = None

    def restore(
        self, choices: Choices, codes: list[str], labels: dict[str, str] | None = None
    ) -> None:
        """The answers and jobs found in the saved space become this visit's."""
        self.choices = choices
        self.kept = codes
        self.kept_labels = dict(labels or {})

    def place(self) -> tuple[str | None, int]:
        """Where offers are counted: the town and distance the person chose in the search,
        else the agency's town (the engine's default)."""
        filters = search_state(self.ctx).question.filters
        return filters.near, filters.km or NEARBY_KM

    def answers(self) -> Answers:
        c = self.choices
        near, km = self.place()
        return Answers(
            interests=tuple(c.interests),
            experiences=tuple([*c.activities, *c.typed]),
            avoid=tuple(c.avoid),
            diploma=c.diploma,
            near=near,
            km=km,
        )

    def catalogue_job(self, work: Callable[[Any, str], Any]) -> Callable[[], Any]:
        """A job for ctx.tasks with its own catalogue connection (SQLite stays in its thread):
        `work(db, agency_commune)`."""
        path = self.ctx.kiosk.catalogue_path()
        commune = self.ctx.config.get_str("agency.commune")

        def job() -> Any:
            db = connect(path)
            try:
                return work(db, commune)
            finally:
                db.conn.close()

        return job


def state_for(ctx: UiContext) -> OrientState:
    """The one state per context, made on first use."""
    found = ctx.findChild(OrientState)
    return found if isinstance(found, OrientState) else OrientState(ctx)
