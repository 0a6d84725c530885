from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlite_utils

from kiosk.cv import spaces as sp
from kiosk.cv.drafts import SessionDraft, SpaceDraft, keep
from kiosk.cv.samples import short_cv
from kiosk.cv.validation import FieldError
from kiosk.errors import UserError
from kiosk.session import Sessions
from kiosk.storage import open_database
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA

FAST = sp.ScryptParams(n=2**10)  # the real cost is 2**14; tests only need the same code path


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    return open_database(tmp_path / "kiosk.db", KIOSK_SCHEMA).db


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def spaces(db: sqlite_utils.Database, clock: Clock) -> sp.Spaces:
    return sp.Spaces(db, clock=clock, params=FAST)


def test_the_code_is_hashed_with_scrypt_and_never_stored(
    spaces: sp.Spaces, db: sqlite_utils.Database
) -> None:
    space = spaces.create("Samira", "480512", {"cv": {"basics": {"name": "Samira"}}})
    stored = db.execute("SELECT first_name_key, secret_hash, lookup FROM spaces").fetchone()
    assert stored[0] == "", "the first name is not kept in clear, only in the lookup"
    assert len(stored[2]) > 40 and "samira" not in stored[2].casefold()
    scheme, n, r, p, salt, _digest = stored[1].split("$")
    assert (scheme, n, r, p) == ("scrypt", "1024", "8", "1") and len(salt) > 20
    assert "480512" not in stored[1]
    assert spaces.open("Samira", "480512") == space
    assert spaces.load(space, "cv") == {"basics": {"name": "Samira"}}


def test_the_same_code_hashes_differently_each_time() -> None:
    assert sp.hash_code("480512", FAST) != sp.hash_code("480512", FAST)
    assert sp.verify_code("480512", sp.hash_code("480512", FAST))
    assert not sp.verify_code("480513", sp.hash_code("480512", FAST))
    assert not sp.verify_code("480512", "garbage$1$2")
    assert sp.hash_code("480512").split("$")[1] == str(2**14)  # the real cost by default


def test_first_names_match_without_accents_or_case(spaces: sp.Spaces) -> None:
    space = spaces.create("Élodie", "480512")
    assert spaces.open(" elodie ", "480512") == space
    assert spaces.open("ÉLODIE", "٤٨٠٥١٢") == space
    assert sp.first_name_key("Jean-Pierre") == sp.first_name_key("jean pierre")
    assert sp.first_name_key("سَمِيرة") == sp.first_name_key("سميرة")


@pytest.mark.parametrize(("code", "problem"), [
    ("12345", sp.CODE_FORMAT), ("1234567", sp.CODE_FORMAT), ("12a456", sp.CODE_FORMAT),
    ("", sp.CODE_FORMAT), ("123456", sp.CODE_TOO_EASY), ("000000", sp.CODE_TOO_EASY),
    ("987654", sp.CODE_TOO_EASY),
])  # fmt: skip
def test_codes_must_be_6_digits_not_too_easy(spaces: sp.Spaces, code: str, problem: str) -> None:
    with pytest.raises(FieldError) as caught:
        spaces.create("Samira", code)
    assert caught.value.message == problem


def test_an_empty_first_name_is_refused(spaces: sp.Spaces) -> None:
    with pytest.raises(FieldError):
        spaces.create("  ", "480512")


def test_five_wrong_codes_lock_for_15_minutes(spaces: sp.Spaces, clock: Clock) -> None:
    space = spaces.create("Samira", "480512")
    for _ in range(4):
        with pytest.raises(UserError) as caught:
            spaces.open("Samira", "111112")
        assert caught.value.message == sp.NOT_FOUND
    with pytest.raises(UserError) as caught:
        spaces.open("Samira", "111112")
    assert caught.value.message == sp.LOCKED and caught.value.values == {"minutes": 15}
    # Locked: even the right code does not open it, and is not even tried.
    clock.advance(minutes=10)
    with pytest.raises(UserError) as caught:
        spaces.open("Samira", "480512")
    assert caught.value.values == {"minutes": 5}
    clock.advance(minutes=5)
    assert spaces.open("Samira", "480512") == space


def test_a_right_code_does_not_reset_the_kiosks_count(spaces: sp.Spaces) -> None:
    # Otherwise anyone with a space of their own could reset the count between guesses.
    space = spaces.create("Samira", "480512")
    for _ in range(4):
        with pytest.raises(UserError):
            spaces.open("Karim", "111112")
    assert spaces.open("Samira", "480512") == space
    with pytest.raises(UserError) as caught:
        spaces.open("Karim", "111113")
    assert caught.value.message == sp.LOCKED


def test_an_unknown_name_is_the_same_answer(spaces: sp.Spaces) -> None:
    with pytest.raises(UserError) as caught:
        spaces.open("Nobody", "480512")
    assert caught.value.message == sp.NOT_FOUND


def test_namesakes_each_open_their_own_space(spaces: sp.Spaces) -> None:
    first = spaces.create("Karim", "480512")
    second = spaces.create("karim", "731906")
    assert first != second
    assert spaces.open("Karim", "731906") == second
    assert spaces.open("Karim", "480512") == first


def test_the_same_first_name_and_code_are_the_same_space(
    spaces: sp.Spaces, db: sqlite_utils.Database
) -> None:
    # No "choose another code": that answer told a stranger the code was someone's.
    first = spaces.create("Karim", "480512", {"cv": {"x": 1}, "offers": [1]})
    again = spaces.create("karim", "480512", {"cv": {"x": 2}})
    assert again == first
    # The kind written is replaced; the others stay (nothing new to whoever has the code).
    assert spaces.load(first, "cv") == {"x": 2} and spaces.load(first, "offers") == [1]
    assert db.execute("SELECT count(*) FROM spaces").fetchone()[0] == 1
    assert spaces.create("Sofia", "480512") != first  # another first name is another space


def test_keeping_jobs_with_the_code_of_a_kept_cv_loses_neither(
    spaces: sp.Spaces, db: sqlite_utils.Database
) -> None:
    cv = short_cv()
    space_id = keep(spaces, cv, "Awa", "385172").space_id  # "Keep my CV", last visit
    jobs = {"version": 1, "jobs": [{"code": "A1414", "label": "Horticulteur"}]}
    assert spaces.create("awa", "385172", {"orientation": jobs}) == space_id  # "Keep these jobs"
    assert SpaceDraft(spaces, space_id).load() == cv
    assert spaces.load(space_id, "orientation") == jobs
    # And "Keep my CV" again, with the same answers, keeps the jobs.
    changed = cv.replace(language="ar")
    keep(spaces, changed, "AWA", "385172")
    assert SpaceDraft(spaces, space_id).load() == changed
    assert spaces.load(space_id, "orientation") == jobs
    assert db.execute("SELECT count(*) FROM space_items").fetchone()[0] == 2


def test_wrong_codes_make_the_kiosk_wait_for_every_namesake(
    spaces: sp.Spaces, clock: Clock
) -> None:
    first = spaces.create("Karim", "480512")
    second = spaces.create("Karim", "731906")
    for _ in range(4):
        with pytest.raises(UserError):
            spaces.open("Karim", "111112")
    with pytest.raises(UserError) as caught:
        spaces.open("Karim", "111112")
    assert caught.value.message == sp.LOCKED
    with pytest.raises(UserError):
        spaces.open("Karim", "480512")
    clock.advance(minutes=16)
    assert spaces.open("Karim", "480512") == first
    assert spaces.open("Karim", "731906") == second


def test_spaces_unused_too_long_are_purged(
    spaces: sp.Spaces, db: sqlite_utils.Database, clock: Clock
) -> None:
    old = spaces.create("Samira", "480512", {"cv": {"x": 1}})
    clock.advance(days=60)
    recent = spaces.create("Karim", "731906", {"cv": {"x": 2}})
    clock.advance(days=31)
    assert sp.purge_expired(db, clock(), 90) == 1
    assert not spaces.exists(old) and spaces.exists(recent)
    assert db.execute("SELECT count(*) FROM space_items").fetchone()[0] == 1
    # Using a space keeps it: a save moves last_used_at.
    clock.advance(days=80)
    spaces.save(recent, "cv", {"x": 3})
    clock.advance(days=80)
    assert sp.purge_expired(db, clock(), 90) == 0
    assert sp.purge_expired(db, clock(), 30) == 1


def test_delete_my_data_deletes_at_once(spaces: sp.Spaces, db: sqlite_utils.Database) -> None:
    space = spaces.create("Samira", "480512", {"cv": {"x": 1}, "offers": [1, 2]})
    assert spaces.delete(space)
    assert db.execute("SELECT count(*) FROM space_items").fetchone()[0] == 0
    assert not spaces.delete(space)
    with pytest.raises(UserError) as caught:
        spaces.save(space, "cv", {})
    assert caught.value.message == sp.GONE


def test_a_walk_in_draft_then_kept_in_a_space(db: sqlite_utils.Database, spaces: sp.Spaces) -> None:
    sessions = Sessions(db)
    sessions.start("fr")
    draft = SessionDraft(sessions)
    assert draft.load() is None
    cv = short_cv()
    draft.save(cv)
    assert draft.load() == cv
    kept = keep(spaces, cv, "Samira", "480512")
    sessions.end()
    assert draft.load() is None
    again = SpaceDraft(spaces, spaces.open("Samira", "480512"))
    assert again.load() == cv
    changed = cv.replace(language="ar")
    kept.save(changed)
    assert again.load() == changed


def test_an_unreadable_draft_starts_afresh(db: sqlite_utils.Database) -> None:
    sessions = Sessions(db)
    sessions.start("fr")
    sessions.save("cv", {"work": "not a list"})
    assert SessionDraft(sessions).load() is None


def test_creating_does_not_lift_the_wait(spaces: sp.Spaces, clock: Clock) -> None:
    spaces.create("Karim", "480512")
    for _ in range(5):
        with pytest.raises(UserError):
            spaces.open("Karim", "111112")
    spaces.create("Karim", "480512")
    with pytest.raises(UserError) as caught:
        spaces.open("Karim", "480512")
    assert caught.value.message == sp.LOCKED
