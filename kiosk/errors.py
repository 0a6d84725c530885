"""The one path from an exception to a plain message.

Users get a short translated sentence (spoken too); the log gets the full traceback; staff
and technicians get the precise `technical` text on the status line.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk.i18n import N_, _

log = logging.getLogger("kiosk.errors")


class UserError(Exception):
    """A problem the person can fix; `message` is an English message id, translated when shown."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message)
        self.message = message
        self.values = values


GENERIC = N_("Sorry, something went wrong. Please try again, or ask a staff member for help.")
STORAGE = N_("Sorry, the kiosk cannot save right now. Please ask a staff member for help.")


@dataclass(frozen=True)
class Explained:
    user: str  # translated, for the screen and the voice
    technical: str  # precise, for staff and the log


def explain(exc: BaseException, context: str = "") -> Explained:
    from kiosk.storage import StorageError

    technical = (
        f"{context}: {type(exc).__name__}: {exc}" if context else f"{type(exc).__name__}: {exc}"
    )
    if isinstance(exc, UserError):
        return Explained(_(exc.message).format(**exc.values), technical)
    log.error("%s", technical, exc_info=exc)
    if isinstance(exc, StorageError | OSError):
        return Explained(_(STORAGE), technical)
    return Explained(_(GENERIC), technical)
