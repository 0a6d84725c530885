"""Kept jobs: the orientation answer in the person's saved space (kind "orientation"), beside
their CV, so "Find my CV" or "My kept jobs" at any kiosk of the hub brings it back.

What is kept is what shows the list again: the answers given (interests, activities, the
person's own words, what they ruled out, the diploma) and the jobs shown, in their order.
The offers nearby are counted again when the list comes back: they change every day.

The space a session has open is the CV state's (`space_id`), set by "Keep my CV", "Find my
CV" and their orientation twins: one space per person, whichever screen opened it. Reading
and writing a space may wait on the hub, so both run through ctx.tasks on their own
connection.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from kiosk.cv.network import spaces_for
from kiosk.cv.spaces import Spaces
from kiosk.i18n import N_
from kiosk.orientation import AVOID, Suggestion
from kiosk.orientation.choices import ACTIVITY_BY_ID, DIPLOMA_IDS, INTEREST_BY_CODE
from kiosk.services import KIOSK_FILE
from kiosk.storage.database import connect
from ui.context import UiContext
from ui.orient.state import MAX_INTERESTS, MAX_TYPED, Choices, OrientState

KIND = "orientation"
VERSION = 1
MAX_JOBS = 20  # more than the answer ever shows: a hand-edited item cannot grow the screen
T = TypeVar("T")
KEPT_OPEN = N_("Your jobs are kept. Next time, touch “My kept jobs”.")
FOUND = N_("Here are the jobs you kept.")
GONE_TODAY = N_("Some jobs you kept are not found today: {jobs}.")
NONE_KEPT = N_("No jobs are kept yet. Answer the questions, then touch “Keep these jobs”.")


def payload(choices: Choices, jobs: Sequence[Suggestion]) -> dict[str, Any]:
    """What is written in the space: JSON, no Python object."""
    return {
        "version": VERSION,
        "interests": list(choices.interests),
        "activities": list(choices.activities),
        "typed": list(choices.typed),
        "avoid": list(choices.avoid),
        "diploma": choices.diploma,
        "jobs": [{"code": s.code, "label": s.label} for s in jobs[:MAX_JOBS]],
    }


def read(raw: Any) -> tuple[Choices, list[str], dict[str, str]] | None:
    """The answers, the kept jobs' codes and their labels as kept, or None when nothing
    usable is kept. What an older or newer kiosk wrote is read as far as it is understood,
    never refused."""
    if not isinstance(raw, dict):
        return None

    def strings(key: str) -> list[str]:
        value = raw.get(key)
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    interests_raw = raw.get("interests")
    interests = [
        i
        for i in (interests_raw if isinstance(interests_raw, list) else [])
        if isinstance(i, int) and not isinstance(i, bool) and i in INTEREST_BY_CODE
    ]
    jobs_raw = raw.get("jobs")
    codes = [
        str(j["code"])
        for j in (jobs_raw if isinstance(jobs_raw, list) else [])
        if isinstance(j, dict) and isinstance(j.get("code"), str)
    ][:MAX_JOBS]
    labels = {
        str(j["code"]): str(j["label"])[:200]
        for j in (jobs_raw if isinstance(jobs_raw, list) else [])
        if isinstance(j, dict) and str(j.get("code")) in codes and isinstance(j.get("label"), str)
    }
    diploma = raw.get("diploma")
    choices = Choices(
        interests=list(dict.fromkeys(interests))[:MAX_INTERESTS],
        activities=[a for a in dict.fromkeys(strings("activities")) if a in ACTIVITY_BY_ID],
        typed=[t for t in dict.fromkeys(strings("typed")) if t.strip()][:MAX_TYPED],
        avoid=[a for a in dict.fromkeys(strings("avoid")) if a in AVOID],
        diploma=diploma if diploma in DIPLOMA_IDS else None,
    )
    if not codes and choices == Choices():
        return None
    return choices, codes, labels


def spaces_job(ctx: UiContext, work: Callable[[Spaces], T]) -> Callable[[], T]:
    """`work` for a worker thread, on its own kiosk.db connection (SQLite's are not shared),
    with the spaces this kiosk uses (the hub's when it has one)."""
    config, path = ctx.config, ctx.kiosk.data_dir / KIOSK_FILE

    def run() -> T:
        db = connect(path, secure_delete=True)
        try:
            return work(spaces_for(config, db))
        finally:
            db.conn.close()

    return run


def save_job(ctx: UiContext, space_id: str, item: dict[str, Any]) -> Callable[[], None]:
    """The kept jobs into an open space, off the UI thread."""
    return spaces_job(ctx, lambda spaces: spaces.save(space_id, KIND, item))


def load_job(ctx: UiContext, space_id: str) -> Callable[[], Any]:
    """The kept jobs of an open space (None: none kept), off the UI thread."""
    return spaces_job(ctx, lambda spaces: spaces.load(space_id, KIND))


def order(suggestions: Sequence[Suggestion], kept: Sequence[str], limit: int) -> list[Suggestion]:
    """The kept jobs first, in the order they were kept, then the others: the list the person
    kept comes back even when today's offers would rank it a little differently."""
    rank = {code: i for i, code in enumerate(kept)}
    first = sorted((s for s in suggestions if s.code in rank), key=lambda s: rank[s.code])
    rest = [s for s in suggestions if s.code not in rank]
    return [*first, *rest][:limit]


def missing(state: OrientState, shown: Sequence[Suggestion]) -> list[str]:
    """The labels of kept jobs today's list does not hold (its code when none was kept):
    said, never silently dropped."""
    if state.kept is None:
        return []
    here = {s.code for s in shown}
    return [state.kept_labels.get(c, c) for c in state.kept if c not in here]


def bring_back(state: OrientState, raw: Any) -> bool:
    """The answers and jobs read from the space become this visit's; False when none are
    kept (the caller says FOUND or NONE_KEPT once it has moved on)."""
    found = read(raw)
    if found is None:
        return False
    state.restore(*found)
    return True
