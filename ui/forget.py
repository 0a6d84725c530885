"""The end of a session, for the screens: nothing of the person stays in a widget or in
memory once they have gone (issue 15, finding 6), not only once the next person reaches a
screen. The window calls `forget_person` when it wipes a session."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtWidgets import QWidget

from ui.context import UiContext

log = logging.getLogger(__name__)


def forget_person(ctx: UiContext, screens: Iterable[QWidget]) -> None:
    """Drop the person's CV, search and orientation answers in memory and empty every screen
    that has something of theirs (`forget_person` on a screen). Their speech is the window's
    wipe's: speaker.forget_private."""
    from ui.cv.state import state_for as cv_state
    from ui.orient.state import state_for as orient_state
    from ui.search.state import state_for as search_state

    # Each state forgets here, not through its screens: the orientation sets the search's
    # town and question even when the search's own screens were never built.
    for state in (cv_state(ctx), search_state(ctx), orient_state(ctx)):
        state.forget()
    for screen in screens:
        forget = getattr(screen, "forget_person", None)
        if not callable(forget):
            continue
        try:
            forget()
        except Exception:  # one screen's trouble must not keep the others' data on screen
            log.exception("%s could not forget the person", type(screen).__name__)
