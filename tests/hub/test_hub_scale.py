"""Scale out: two hub processes (gunicorn) behind Debian's haproxy on 127.0.0.1, one killed
(SIGKILL, mid-request) in the middle of a load run from many simulated kiosks speaking the
protocol with the kiosk's real client: every event is acknowledged, stored once, applied once.
Bounded: the run has a deadline and the test a timeout."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from bench._hubload import HAPROXY, Balancer, Driver, HubProcess, make_fleet
from tests.hub.conftest import Hub

KIOSKS, MINUTES, EVENTS = 40, 6, 6


def test_one_of_two_hubs_killed_mid_load_loses_and_doubles_nothing(hub_db: Hub) -> None:
    if not Path(HAPROXY).exists():
        pytest.fail("this test needs Debian's haproxy (make system)")
    env = hub_db.env()
    fleet = make_fleet(env, KIOSKS)
    first, second = HubProcess(env).start(), HubProcess(env).start()
    balancer = Balancer([first.port, second.port]).start()
    driver = Driver(balancer.url, fleet, threads=12)
    total_minutes = KIOSKS * MINUTES
    killed = threading.Event()
    progress_at_kill: list[int] = []

    def progress(done: int) -> None:
        if done >= total_minutes // 3 and not killed.is_set():
            killed.set()
            progress_at_kill.append(done)
            first.kill()

    try:
        result = driver.run(MINUTES, EVENTS, progress=progress, deadline=120.0)
        assert killed.is_set() and progress_at_kill[0] < total_minutes
        assert first.process is not None and first.process.poll() is not None  # really dead
        # Nothing lost: every kiosk's outbox emptied, each key acknowledged.
        expected = KIOSKS * MINUTES * (EVENTS + 2)
        assert result.events_acknowledged == result.events_sent == expected, result.figures()
        assert all(not k.outbox for k in driver.kiosks)
        stored = hub_db.query("SELECT kiosk_id, key FROM hub_event")
        assert len(stored) == result.events_sent
        assert set(stored) == set(driver.keys())
        # Nothing twice: one help request per help event, counters not summed twice.
        help_events = KIOSKS * MINUTES * len(range(0, EVENTS, 3))
        assert hub_db.query(
            "SELECT count(*), count(DISTINCT (kiosk_id, key)) FROM hub_helprequest"
        ) == [(help_events, help_events)]
        counters = hub_db.query(
            "SELECT DISTINCT value FROM hub_dailycounter WHERE name = 'sessions'"
        )
        assert counters == [(MINUTES * EVENTS,)]
        beats = hub_db.query("SELECT count(*) FROM hub_heartbeat")
        assert beats == [(KIOSKS * MINUTES,)]
    finally:
        driver.close()
        balancer.stop()
        first.stop()
        second.stop()
