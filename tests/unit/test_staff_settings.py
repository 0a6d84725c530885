"""Staff overrides in kiosk.db, counters, "I need help" and the status helpers."""

from __future__ import annotations

import datetime as dt
import sys
import types
from pathlib import Path

import pytest
import sqlite_utils

from kiosk import config as config_module
from kiosk.config import ConfigError
from kiosk.staff import counters, help, settings, status
from kiosk.storage import open_database
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    opened = open_database(tmp_path / "kiosk.db", KIOSK_SCHEMA)
    yield opened.db
    opened.db.conn.close()


@pytest.fixture
def cfg() -> config_module.Config:
    return config_module.load(None, environ={})


def test_overrides_apply_over_the_config(db, cfg) -> None:
    settings.set_override(db, "speech.rate", 120, cfg)
    settings.set_override(db, "language.enabled", ["fr", "ar"], cfg)
    settings.set_override(db, "printer.name", "Accueil-HP", cfg)
    effective = settings.effective_config(cfg, db)
    assert effective.get_int("speech.rate") == 120
    assert effective.get_list("language.enabled") == ("fr", "ar")
    assert effective.get_str("printer.name") == "Accueil-HP"
    assert effective.get_int("session.idle_seconds") == cfg.get_int("session.idle_seconds")
    settings.clear_override(db, "speech.rate")
    assert settings.effective_config(cfg, db).get_int("speech.rate") == 150


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("speech.rate", 20, "from 80 to 300"),
        ("speech.default_volume", "loud", "from 0 to 5"),
        ("session.idle_seconds", True, "from 20 to 3600"),
        ("language.enabled", ["fr", "de"], "some of: fr, en, ar"),
        ("language.enabled", ["en", "ar"], "default language fr"),
    ],
)
def test_bad_values_are_refused_by_the_registry_rules(db, cfg, key, value, expected) -> None:
    with pytest.raises(ConfigError, match=expected):
        settings.set_override(db, key, value, cfg)
    assert settings.overrides(db) == {}


def test_only_some_settings_may_be_overridden(db, cfg) -> None:
    with pytest.raises(KeyError):
        settings.set_override(db, "staff.pin_hash", "x", cfg)


def test_a_damaged_stored_override_is_skipped(db, cfg) -> None:
    db.execute(
        "INSERT INTO staff_settings VALUES ('speech.rate', '9999', '2026-01-01'),"
        " ('session.idle_seconds', 'not json', '2026-01-01'), ('data_dir', '\"/\"', '2026')"
    )
    assert settings.overrides(db) == {}
    assert settings.effective_config(cfg, db).values == cfg.values


def test_counters_add_up_per_day(db) -> None:
    day1, day2 = dt.date(2026, 3, 1), dt.date(2026, 3, 2)
    counters.count(db, counters.SESSIONS, day=day1)
    counters.count(db, counters.SESSIONS, 2, day=day1)
    counters.count(db, counters.language("ar"), day=day2)
    got = counters.counters_for(db, 3, today=day2)
    assert list(got) == [day2, day1, dt.date(2026, 2, 28)]
    assert got[day1] == {"sessions": 3}
    assert got[day2] == {"language_ar": 1}
    assert got[dt.date(2026, 2, 28)] == {}
    assert counters.counters_for(db, [day1]) == {day1: {"sessions": 3}}


@pytest.mark.parametrize("name", ["Jean Dupont", "a" * 41, "06 12 34 56 78", "x@y.fr", ""])
def test_counter_names_cannot_carry_what_a_person_typed(db, name) -> None:
    with pytest.raises(ValueError):
        counters.count(db, name)


def test_help_request_is_counted_without_an_outbox(db, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "kiosk.sync.outbox", None)  # import fails
    at = dt.datetime(2026, 3, 2, 10, 30, tzinfo=dt.UTC)
    help.request_help(db, now=lambda: at)
    assert counters.counters_for(db, [at.date()])[at.date()] == {"help_requests": 1}


def test_help_request_queues_a_hub_event_when_the_outbox_exists(db, monkeypatch) -> None:
    queued: list[tuple[str, dict]] = []
    fake = types.ModuleType("kiosk.sync.outbox")
    fake.enqueue = lambda _db, kind, payload: queued.append((kind, payload))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kiosk.sync.outbox", fake)
    at = dt.datetime(2026, 3, 2, 10, 30, tzinfo=dt.UTC)
    help.request_help(db, now=lambda: at)
    assert queued == [
        ("hub_event", {"type": "help_request", "data": {"at": "2026-03-02T10:30:00+00:00"}})
    ]


def test_a_failing_outbox_does_not_stop_the_help_request(db, monkeypatch) -> None:
    fake = types.ModuleType("kiosk.sync.outbox")

    def broken(*_args: object) -> None:
        raise RuntimeError("disk full")

    fake.enqueue = broken  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kiosk.sync.outbox", fake)
    help.request_help(db)
    assert sum(counters.counters_for(db, 1)[dt.date.today()].values()) == 1


def test_sync_view_without_the_sync_package(db, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "kiosk.sync.outbox", None)
    db.execute(
        "INSERT INTO sync_runs (started_at, finished_at, ok, summary) "
        "VALUES ('2026-03-02T09:00:00', '2026-03-02T09:01:00', 0, '{\"error\": \"timeout\"}')"
    )
    view = status.sync_view(db)
    assert not view.available
    assert view.last is not None and view.last.ok is False
    assert view.last.summary == {"error": "timeout"}
    assert not status.retry(db, "k")


def test_sync_view_with_an_outbox(db, monkeypatch) -> None:
    fake = types.ModuleType("kiosk.sync.outbox")
    retried: list[str] = []
    fake.outbox_counts = lambda _db: {"pending": 2, "needs_staff": 1}  # type: ignore[attr-defined]
    fake.needs_staff = lambda _db: [{"key": "k1", "kind": "email", "last_error": "550"}]  # type: ignore[attr-defined]
    fake.retry = lambda _db, key: retried.append(key)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kiosk.sync.outbox", fake)
    view = status.sync_view(db)
    assert view.available and view.last is None
    assert view.counts == {"pending": 2, "needs_staff": 1}
    assert view.needs_staff == [status.OutboxItem("k1", "email", "550")]
    assert status.retry(db, "k1") and retried == ["k1"]


def test_tail_gives_the_last_whole_lines(tmp_path: Path) -> None:
    log = tmp_path / "kiosk.log"
    log.write_text("".join(f"line {i}\n" for i in range(1000)), encoding="utf-8")
    assert status.tail(log, 3) == ["line 997", "line 998", "line 999"]
    cut = status.tail(log, 1000, max_bytes=100)
    assert cut[-1] == "line 999" and all(line.startswith("line ") for line in cut)
    assert status.tail(tmp_path / "missing.log") == []


def test_help_request_with_the_real_outbox(db) -> None:
    outbox = pytest.importorskip("kiosk.sync.outbox")
    help.request_help(db)
    rows = db.execute("SELECT kind, payload FROM outbox").fetchall()
    assert [r[0] for r in rows] == ["hub_event"]
    assert '"type": "help_request"' in rows[0][1]
    assert outbox.outbox_counts(db)["pending"] == 1


def test_sync_view_and_retry_with_the_real_outbox(db) -> None:
    outbox = pytest.importorskip("kiosk.sync.outbox")
    key = outbox.enqueue(db, "hub_event", {"type": "x", "data": {}})
    db.execute(
        "UPDATE outbox SET state = 'needs_staff', last_error = 'HTTP 400' WHERE key = ?", [key]
    )
    view = status.sync_view(db)
    assert view.available and view.counts["needs_staff"] == 1
    assert view.needs_staff == [status.OutboxItem(key, "hub_event", "HTTP 400")]
    assert status.retry(db, key)
    assert status.sync_view(db).counts == {"pending": 1, "needs_staff": 0}
