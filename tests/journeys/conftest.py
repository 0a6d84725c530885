"""Journeys through the real kiosk: one virtual screen and D-Bus session for all of them, a
fresh kiosk process (with its own data, temp folder, fake hub and SMTP server) for each."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.staff.pin import hash_pin
from tests.fakes.hub import FakeHub
from tests.fakes.kit import toml
from tests.fakes.smtp import FakeSmtp
from tests.journeys.journey_kit import SMALL, Bus, Desktop, Kiosk, missing_tools

PIN = "4826"
HOLD_SECONDS = 2  # the shortest staff.hold_seconds allows


def _tools() -> None:
    missing = missing_tools()
    if missing:
        pytest.fail(
            "the journey tests need system packages that are missing: "
            f"{' '.join(missing)} (`sudo make system`, or apt-get install them)"
        )


@pytest.fixture(scope="session")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    _tools()
    screen = Desktop(tmp_path_factory.mktemp("desktop"))
    try:
        screen.start()
        yield screen
    finally:
        screen.stop()


@pytest.fixture(scope="session")
def bus(desktop: Desktop) -> Iterator[Bus]:
    driver = Bus(desktop)
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture(scope="session")
def small_desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Desktop, Bus]]:
    """A second virtual screen, 1280x800, with its own accessibility bus."""
    _tools()
    screen = Desktop(tmp_path_factory.mktemp("small-desktop"), size=SMALL)
    try:
        screen.start()
        driver = Bus(screen)
        try:
            yield screen, driver
        finally:
            driver.close()
    finally:
        screen.stop()


@pytest.fixture(scope="session")
def pin_hash() -> str:
    return hash_pin(PIN)


@pytest.fixture
def hub() -> Iterator[FakeHub]:
    with FakeHub() as server:
        assert isinstance(server, FakeHub)
        yield server


@pytest.fixture
def smtp() -> Iterator[FakeSmtp]:
    with FakeSmtp() as server:
        yield server


@pytest.fixture
def start_kiosk(
    desktop: Desktop,
    bus: Bus,
    tmp_path: Path,
    hub: FakeHub,
    smtp: FakeSmtp,
    pin_hash: str,
    request: pytest.FixtureRequest,
) -> Iterator[Callable[..., Kiosk]]:
    """Start the kiosk with a configuration naming the local hub and SMTP server."""
    started: list[Kiosk] = []

    def start(**values: Any) -> Kiosk:
        settings = {
            "language__default": "fr",
            # Speech is synthesised for real (espeak-ng) and cached, but played nowhere.
            "speech__player": "none",
            "session__idle_seconds": 600,
            "staff__pin_hash": pin_hash,
            "staff__corner": "top-left",
            "staff__hold_seconds": HOLD_SECONDS,
            "sync__interval_minutes": 1,
            **hub.config_values(),
            **smtp.config_values(),
            **values,
        }
        kiosk = Kiosk(desktop, bus, tmp_path / f"kiosk{len(started)}", toml(settings))
        started.append(kiosk)
        return kiosk

    began = time.monotonic()
    try:
        yield start
    finally:
        for kiosk in started:
            kiosk.stop()
            request.node.user_properties.append(("steps", kiosk.steps))
        took = time.monotonic() - began
        request.node.user_properties.append(("journey_seconds", round(took, 1)))
