"""The background scheduler: never blocks its caller, syncs on time, stops promptly."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import Config
from kiosk.sync.deliver import DeliveryReport
from kiosk.sync.run import SyncResult
from kiosk.sync.scheduler import Scheduler, Snapshot, network_answers, probe_target
from tests.fakes.francetravail import FakeFranceTravail, Fault
from tests.fakes.kit import settings
from tests.fakes.offers import make_offers


class Runner:
    """Stands in for `sync_once`: counts passes and can be held in the middle of one."""

    def __init__(self, ok: bool = True) -> None:
        self.ok = ok
        self.passes = 0
        self.entered = threading.Event()
        self.gate = threading.Event()
        self.gate.set()
        self.done = threading.Condition()

    def __call__(self, config: Config, data_dir: Path, **kwargs: Any) -> SyncResult:
        self.entered.set()
        assert self.gate.wait(10)
        with self.done:
            self.passes += 1
            self.done.notify_all()
        return SyncResult(self.ok, "fake pass", None, DeliveryReport(), "t0", "t1")

    def wait_for(self, passes: int) -> bool:
        with self.done:
            return self.done.wait_for(lambda: self.passes >= passes, timeout=10)


@pytest.fixture
def config(data_dir: Path) -> Config:
    return settings(data_dir)


@pytest.fixture
def stopper() -> Iterator[list[Scheduler]]:
    started: list[Scheduler] = []
    yield started
    for scheduler in started:
        scheduler.stop()


def test_start_returns_at_once_even_while_a_pass_runs(
    config: Config, data_dir: Path, stopper: list[Scheduler]
) -> None:
    runner = Runner()
    runner.gate.clear()  # the first pass blocks
    scheduler = Scheduler(config, data_dir, runner=runner, probe=lambda: True)
    stopper.append(scheduler)
    scheduler.start()
    assert runner.entered.wait(10)
    assert scheduler.snapshot().running and scheduler.snapshot().started
    runner.gate.set()
    assert runner.wait_for(1)


def test_it_syncs_at_the_interval_and_at_once_when_asked(
    config: Config, data_dir: Path, stopper: list[Scheduler]
) -> None:
    runner = Runner()
    snapshots: list[Snapshot] = []
    scheduler = Scheduler(
        config, data_dir, interval_seconds=0.05, runner=runner, probe=lambda: True,
        on_change=snapshots.append,
    )  # fmt: skip
    stopper.append(scheduler)
    scheduler.start()
    assert runner.wait_for(3)  # on its own, every 50 ms
    scheduler.stop()
    slow = Scheduler(config, data_dir, interval_seconds=3600, runner=runner, probe=lambda: True)
    stopper.append(slow)
    slow.start()
    assert runner.wait_for(4)  # the first pass comes at start
    slow.run_now()
    assert runner.wait_for(5)  # not an hour later
    assert slow.snapshot().last_ok is True and slow.snapshot().last_reason == "fake pass"
    assert slow.snapshot().next_run_at is not None
    assert any(s.running for s in snapshots)


def test_no_pass_while_the_network_does_not_answer(
    config: Config, data_dir: Path, stopper: list[Scheduler]
) -> None:
    runner = Runner()
    probed = threading.Event()

    def offline() -> bool:
        probed.set()
        return False

    scheduler = Scheduler(config, data_dir, runner=runner, probe=offline)
    stopper.append(scheduler)
    scheduler.start()
    assert probed.wait(10)
    scheduler.stop()
    assert runner.passes == 0 and scheduler.snapshot().online is False


def test_stop_interrupts_a_pull_waiting_on_a_long_retry_after(
    data_dir: Path, stopper: list[Scheduler]
) -> None:
    with FakeFranceTravail(make_offers(200)) as api:
        api.inject(Fault("status", code=429, retry_after="100"))
        config = settings(data_dir, **api.config_values())
        scheduler = Scheduler(config, data_dir)
        stopper.append(scheduler)
        scheduler.start()
        assert api.searched.wait(10)  # answered 429, Retry-After: 100
        began = time.monotonic()
        scheduler.stop()
        assert time.monotonic() - began < 5
        assert not scheduler.snapshot().started and api.calls["search"] == 1


def test_run_once_does_a_real_pass_in_the_callers_thread(data_dir: Path) -> None:
    with FakeFranceTravail(make_offers(200)) as api:
        scheduler = Scheduler(settings(data_dir, **api.config_values()), data_dir)
        result = scheduler.run_once()
    assert result.ok and result.pull is not None and result.pull.added == 200
    assert scheduler.snapshot().last_summary == result.summary()


def test_a_pass_that_raises_does_not_kill_the_worker(
    config: Config, data_dir: Path, stopper: list[Scheduler]
) -> None:
    calls = Runner()

    def broken(config: Config, data_dir: Path, **kwargs: Any) -> SyncResult:
        if calls.passes == 0:
            calls.passes = 1
            raise RuntimeError("disk on fire")
        return calls(config, data_dir)

    scheduler = Scheduler(
        config, data_dir, interval_seconds=0.01, runner=broken, probe=lambda: True
    )
    stopper.append(scheduler)
    scheduler.start()
    assert calls.wait_for(2)


def test_the_probe_targets_the_configured_destination(data_dir: Path) -> None:
    assert probe_target(settings(data_dir)) is None
    hub = settings(data_dir, hub__url="https://hub.agence.example:8443/x")
    assert probe_target(hub) == ("hub.agence.example", 8443)
    api = settings(data_dir, francetravail__client_id="id", hub__url="http://h.example")
    assert probe_target(api) == ("api.francetravail.io", 443)
    with FakeFranceTravail() as server:
        host, port = server.base_url.removeprefix("http://").split(":")
        assert network_answers((host, int(port)))
    assert not network_answers((host, int(port)), timeout=1)  # the server is gone
