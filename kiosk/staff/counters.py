"""Anonymous daily counters: how many sessions, searches, prints... never who or what.

A counter is a name and a number per day; names are fixed words (checked), so no text a
person typed can end up here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import sqlite_utils

SESSIONS = "sessions"
SEARCHES = "searches"
OFFERS_PRINTED = "offers_printed"
OFFERS_SCANNED = "offers_scanned"
CVS_MADE = "cvs_made"
HELP_REQUESTS = "help_requests"
KNOWN = (SESSIONS, SEARCHES, OFFERS_PRINTED, OFFERS_SCANNED, CVS_MADE, HELP_REQUESTS)

_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")


def language(code: str) -> str:
    """The counter of sessions held in a language: `language_fr`."""
    return f"language_{code}"


def _check_name(name: str) -> None:
    if not _NAME.fullmatch(name):
        raise ValueError(f"counter names are short lower-case words, not {name!r}")


def count(db: sqlite_utils.Database, name: str, n: int = 1, day: dt.date | None = None) -> None:
    """Add `n` to today's (or `day`'s) counter `name`, committed before returning."""
    _check_name(name)
    if n < 0:
        raise ValueError("counters only go up")
    day = day or dt.date.today()
    db.execute(
        "INSERT INTO counters (day, name, value) VALUES (?, ?, ?) "
        "ON CONFLICT (day, name) DO UPDATE SET value = value + excluded.value",
        [day.isoformat(), name, n],
    )


def counters_for(
    db: sqlite_utils.Database, days: int | Iterable[dt.date], today: dt.date | None = None
) -> dict[dt.date, dict[str, int]]:
    """Counters per day, newest first: the last `days` days up to today, or the given days.

    Every requested day is present, with an empty dict when nothing was counted.
    """
    if isinstance(days, int):
        if days < 1:
            raise ValueError("ask for at least one day")
        end = today or dt.date.today()
        wanted = [end - dt.timedelta(days=i) for i in range(days)]
    else:
        wanted = sorted(set(days), reverse=True)
    result: dict[dt.date, dict[str, int]] = {day: {} for day in wanted}
    if not wanted:
        return result
    rows = db.execute(
        "SELECT day, name, value FROM counters WHERE day BETWEEN ? AND ? ORDER BY name",
        [min(wanted).isoformat(), max(wanted).isoformat()],
    ).fetchall()
    for day_text, name, value in rows:
        day = dt.date.fromisoformat(day_text)
        if day in result:
            result[day][name] = int(value)
    return result
