"""Staff and the saved CVs' secret codes: whether the kiosk refuses them after too many wrong
ones, and accepting them again (kiosk.cv.spaces `waiting_until`/`unlock`).

The running kiosk's spaces are the CV screens' (`spaces_for`: this kiosk's own, or the agency
hub's over the network), so both questions run on a worker (ui.tasks), each on its own SQLite
connection: the UI thread's is not shared across threads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from kiosk.cv.network import HubSpaces, spaces_for
from kiosk.cv.spaces import Spaces
from kiosk.i18n import N_, _
from kiosk.services import KIOSK_FILE
from kiosk.storage.database import connect
from ui.context import UiContext

T = TypeVar("T")


def spaces_job(ctx: UiContext, work: Callable[[Spaces], T]) -> Callable[[], T]:
    """`work` on the kiosk's spaces, to run on a worker thread."""
    config, path = ctx.config, ctx.kiosk.data_dir / KIOSK_FILE

    def run() -> T:
        db = connect(path, secure_delete=True)
        try:
            return work(spaces_for(config, db))
        finally:
            db.conn.close()

    return run


def waiting_until(ctx: UiContext) -> Callable[[], dt.datetime | None]:
    return spaces_job(ctx, lambda spaces: spaces.waiting_until())


@dataclass(frozen=True)
class Unlocked:
    was_waiting: bool
    at_hub: bool  # the hub lifted this kiosk's wait only: a first name may still wait


def unlock(ctx: UiContext) -> Callable[[], Unlocked]:
    return spaces_job(
        ctx, lambda spaces: Unlocked(spaces.unlock(), at_hub=isinstance(spaces, HubSpaces))
    )


def state_text(until: dt.datetime | None) -> str:
    """The status page's line: accepted, or refused until a time on the kiosk's clock."""
    if until is None:
        return _("Accepted")
    local = until.astimezone().strftime("%H:%M")
    return _("Refused until {time} (too many wrong codes)").format(time=local)


def unlocked_text(done: Unlocked) -> str:
    if not done.at_hub:
        if done.was_waiting:
            return _("Secret codes are accepted again.")
        return _("Secret codes were not refused. Nothing changed.")
    # At the hub, too many wrong codes for one first name also make it wait, at every kiosk
    # and for 15 minutes: this kiosk cannot lift that (the hub's API does not offer it), staff
    # can, on the hub's dashboard. Saying "accepted again" here would be wrong for that person.
    if done.was_waiting:
        first = _("This kiosk accepts secret codes again.")
    else:
        first = _("This kiosk was not refusing secret codes.")
    return " ".join((first, _(NAME_LOCKED)))


NAME_LOCKED = N_(
    "If the person is still refused, their first name is locked at every kiosk. "
    'Lift it on the hub dashboard, page "Locked codes".'
)


def unreachable_text() -> str:
    """Calm words for staff when the answer did not come (the hub is away, most often)."""
    return _(
        "The saved CVs could not be reached. Nothing changed. Please try again in a few minutes."
    )
