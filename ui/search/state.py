"""What the "Find a job" screens share for one person: the question asked, the filters, the
offer open and the offers kept. Screens are built once and navigate by name, so they meet
here rather than passing arguments.

The kept offers live in the session (kiosk.db), so they go when the session is wiped; the rest
is forgotten as soon as a new session starts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from PySide6.QtCore import QObject

from kiosk.catalogue import names
from kiosk.catalogue.communes import communes
from kiosk.catalogue.search import Filters, OfferDetail, Searcher, SearchResult
from kiosk.storage import connect
from ui.context import UiContext

KEPT = "kept_offers"
Mode = Literal["query", "codes", "kept"]


@dataclass
class Question:
    mode: Mode = "query"
    query: str = ""
    codes: tuple[str, ...] = ()
    label: str = ""  # what was chosen when browsing (an occupation's label)
    back: str = ""  # the screen "Back" returns to, when not the search's own (orientation)
    filters: Filters = field(default_factory=Filters)


class SearchState(QObject):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self._session: str | None = None
        self.question = Question()
        self.offer_id: str | None = None
        self.domain: str | None = None  # the domain letter being browsed
        self._warmed = False
        self.agency_name = ""  # the agency's town, once the warm-up has read it

    def forget(self) -> None:
        """The session has ended: nothing of the person's search stays in memory."""
        self._session = None
        self.question = Question()
        self.offer_id = None
        self.domain = None

    def fresh(self) -> None:
        """Forget the previous person's question when a new session has started."""
        current = self.ctx.kiosk.sessions.current
        if current != self._session:
            self._session = current
            self.question = Question()
            self.offer_id = None
            self.domain = None

    # -- kept offers, in the session --------------------------------------------------------
    def kept(self) -> list[str]:
        value = self.ctx.kiosk.sessions.load(KEPT)
        return [str(v) for v in value] if isinstance(value, list) else []

    def set_kept(self, offer_id: str, keep: bool) -> None:
        kept = [k for k in self.kept() if k != offer_id]
        if keep:
            kept.append(offer_id)
        self.ctx.kiosk.sessions.save(KEPT, kept)

    # -- work off the UI thread ---------------------------------------------------------------
    def searcher_job(self, work: Callable[[Searcher], Any]) -> Callable[[], Any]:
        """A job for ctx.tasks: its own connection, as SQLite connections stay in one thread."""
        path = self.ctx.kiosk.catalogue_path()
        commune = self.ctx.config.get_str("agency.commune")

        def job() -> Any:
            db = connect(path)
            try:
                return work(Searcher(db, commune))
            finally:
                db.conn.close()

        return job

    def warm(self) -> None:
        """Build the occupation index, read the towns and the job names off the UI thread,
        once, so the person's first search does not wait for them (a second or two on a
        kiosk); the agency's town name is kept for the screens."""
        if self._warmed:
            return
        self._warmed = True

        def work(searcher: Searcher) -> str:
            agency = searcher.town(None)
            communes()
            names.warm()
            return "" if agency is None else agency.name

        def warmed(agency: str) -> None:
            self.agency_name = agency

        # A failure here is the first search's to explain, not the warm-up's.
        self.ctx.tasks.run(
            self.searcher_job(work), warmed, lambda _e: None, context="search warm-up"
        )

    def search_job(self, offset: int = 0, limit: int = 40) -> Callable[[], SearchResult]:
        q = self.question
        if q.mode == "kept":
            kept = self.kept()
            return self.searcher_job(lambda s: _kept_result(s, kept, q.filters))
        codes: Sequence[str] = q.codes if q.mode == "codes" else ()
        query = q.query if q.mode == "query" else ""
        return self.searcher_job(
            lambda s: s.search(query, q.filters, codes=codes, limit=limit, offset=offset)
        )

    def offer_job(self, offer_id: str) -> Callable[[], OfferDetail | None]:
        return self.searcher_job(lambda s: s.offer(offer_id))


def _kept_result(searcher: Searcher, kept: list[str], filters: Filters) -> SearchResult:
    cards = searcher.cards(kept)
    return SearchResult(len(cards), tuple(cards), (), 0.0, "ok", filters)


def state_for(ctx: UiContext) -> SearchState:
    """The one state per context, made on first use."""
    found = ctx.findChild(SearchState)
    return found if isinstance(found, SearchState) else SearchState(ctx)
