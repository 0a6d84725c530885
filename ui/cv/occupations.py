"""Finding occupations for "the job you want", with the job search's resolver, off the UI
thread (SQLite connections stay in the thread that made them)."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.catalogue.resolve import Occupation
from kiosk.catalogue.search import Searcher
from kiosk.storage import connect
from ui.context import UiContext


def occupations_job(ctx: UiContext, query: str, limit: int = 8) -> Callable[[], list[Occupation]]:
    path = ctx.kiosk.catalogue_path()
    commune = ctx.config.get_str("agency.commune")

    def job() -> list[Occupation]:
        db = connect(path)
        try:
            return Searcher(db, commune).occupations(query, limit)
        finally:
            db.conn.close()

    return job
