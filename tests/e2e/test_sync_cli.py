"""`kiosk sync --once` and `kiosk status --json` as a technician runs them, against fakes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.storage import open_database
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA
from kiosk.sync.outbox import enqueue
from tests.fakes.francetravail import FakeFranceTravail, Fault
from tests.fakes.hub import FakeHub
from tests.fakes.kit import toml
from tests.fakes.offers import make_offers
from tests.fakes.smtp import FakeSmtp

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e
OFFERS = make_offers(400, ["69", "01"], prefix="L") + make_offers(60, ["13"], prefix="X")


def command(config: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "kiosk", "--config", str(config), *args]


def kiosk(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(config, *args), cwd=ROOT, env=os.environ, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip


def status(config: Path) -> dict[str, Any]:
    result = kiosk(config, "status", "--json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture
def api() -> Iterator[FakeFranceTravail]:
    with FakeFranceTravail(OFFERS) as server:
        yield server


def write_config(tmp_path: Path, values: dict[str, Any]) -> Path:
    path = tmp_path / "kiosk.toml"
    # The real API allows 3 requests a second; the fake does not care, and tests are short.
    path.write_text(toml({"francetravail__requests_per_second": 10, **values}), encoding="utf-8")
    return path


def offer_ids(data_dir: Path) -> set[str]:
    with sqlite3.connect(data_dir / "catalogue.db") as db:
        return {r[0] for r in db.execute("SELECT id FROM offers")}


def test_sync_once_brings_exactly_the_live_offers_then_changes_nothing_then_expires(
    api: FakeFranceTravail, tmp_path: Path, data_dir: Path
) -> None:
    config = write_config(tmp_path, api.config_values(["69", "01"]))
    first = kiosk(config, "sync", "--once")
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout.strip() == (
        "kiosk sync: pull complete: 400 offers (+400 ~0 -0) in 6 requests; "
        "outbox: 0 delivered, 0 waiting"
    )
    assert offer_ids(data_dir) == {k for k in api.offers if k.startswith("L")}
    shown = status(config)
    assert shown["offers"] == 400 and shown["catalogue_updated_at"]
    assert shown["last_sync"]["ok"] is True and shown["outbox"] == {"pending": 0, "needs_staff": 0}

    second = kiosk(config, "sync", "--once")
    assert "(+0 ~0 -0)" in second.stdout and second.returncode == 0

    api.remove(["L000000", "L000001", "L000002"])
    third = kiosk(config, "sync", "--once")
    assert "(+0 ~0 -3)" in third.stdout
    assert offer_ids(data_dir) == {k for k in api.offers if k.startswith("L")}
    log = (data_dir / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "offers received 397, added 0, updated 0, unchanged 397, removed 3" in log


def test_a_failed_pull_exits_non_zero_with_one_line(api: FakeFranceTravail, tmp_path: Path) -> None:
    api.token_fault = "invalid_client"
    result = kiosk(write_config(tmp_path, api.config_values()), "sync", "--once")
    assert result.returncode == 1
    assert result.stdout == (
        "kiosk sync: pull failed: France Travail refused the credentials (invalid_client); "
        "outbox: 0 delivered, 0 waiting\n"
    )
    assert "Traceback" not in result.stderr


def test_without_a_client_id_the_outbox_is_still_delivered_and_logs_stay_clean(
    tmp_path: Path, data_dir: Path
) -> None:
    with FakeHub() as hub, FakeSmtp() as smtp:
        config = write_config(tmp_path, {**hub.config_values(), **smtp.config_values()})
        db = open_database(data_dir / "kiosk.db", KIOSK_SCHEMA).db
        enqueue(db, "hub_event", {"type": "counters", "data": {"sessions": 12}})
        enqueue(db, "email", {"to": "paul.durand@example.net", "subject": "CV", "body": "Mon CV x"})
        db.conn.close()
        result = kiosk(config, "sync", "--once")
        assert result.returncode == 0
        assert result.stdout == (
            "kiosk sync: pull not configured (no francetravail.client_id); "
            "outbox: 2 delivered, 0 waiting\n"
        )
        # The pass also sends the kiosk's own state (version, catalogue, backlog) to the hub.
        ours = [e for e in hub.events.values() if e.get("data") == {"sessions": 12}]
        assert len(ours) == 1 and len(smtp.messages) == 1
    assert status(config)["outbox"] == {"pending": 0, "needs_staff": 0}
    log = (data_dir / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "sync outbox: 2 delivered" in log
    assert "paul.durand" not in log and "Mon CV x" not in log


def test_a_pull_killed_midway_leaves_a_usable_catalogue_and_the_next_run_completes(
    api: FakeFranceTravail, tmp_path: Path, data_dir: Path
) -> None:
    config = write_config(tmp_path, api.config_values(["69", "01"]))
    assert kiosk(config, "sync", "--once").returncode == 0
    before = offer_ids(data_dir)
    api.set_offers(OFFERS + make_offers(200, ["69"], prefix="N", seed=9))
    api.inject(Fault("hold", after=2))  # the third page waits until the process is dead
    process = subprocess.Popen(
        command(config, "sync", "--once"), cwd=ROOT, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        assert api.held.wait(60)
        process.send_signal(signal.SIGKILL)
        assert process.wait(30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    api.release.set()
    with sqlite3.connect(data_dir / "catalogue.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert offer_ids(data_dir) == before
    assert status(config)["last_sync"]["finished_at"] is None  # shows as interrupted
    again = kiosk(config, "sync", "--once")
    assert again.returncode == 0 and "(+200 ~0 -0)" in again.stdout
    assert offer_ids(data_dir) == before | {k for k in api.offers if k.startswith("N")}


def test_status_on_a_fresh_kiosk(tmp_path: Path) -> None:
    shown = status(write_config(tmp_path, {}))
    assert shown == {
        "offers": 0,
        "catalogue_kind": "empty",
        "catalogue_updated_at": None,
        "last_sync": None,
        "outbox": {"pending": 0, "needs_staff": 0},
    }
    text = kiosk(write_config(tmp_path, {}), "status")
    assert "last sync: never" in text.stdout and "outbox: 0 pending, 0 need staff" in text.stdout


def test_a_database_that_cannot_be_opened_fails_in_one_line(tmp_path: Path, data_dir: Path) -> None:
    (data_dir / "catalogue.db").mkdir(parents=True)  # a folder where the file should be
    result = kiosk(write_config(tmp_path, {}), "sync", "--once")
    assert result.returncode == 1
    assert result.stdout.startswith("kiosk sync: failed: OperationalError")
    assert result.stdout.count("\n") == 1
