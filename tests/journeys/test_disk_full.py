"""Journey: the disk fills up while the kiosk serves people (issue 15, finding 11). The next
person still gets in, sees and hears that nothing will be kept or sent, and staff find why on
the status page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.fakes.disk import SmallDisk, small_disk
from tests.journeys.conftest import HOLD_SECONDS, PIN
from tests.journeys.journey_kit import Kiosk, fr

pytestmark = pytest.mark.journey

NOT_SAVED = (
    "This kiosk cannot save anything right now. You can look at offers and print. "
    "Nothing will be kept or sent."
)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[SmallDisk]:
    # start_kiosk's first kiosk keeps its data in tmp_path/kiosk0/data: put it on a small disk.
    with small_disk(tmp_path / "kiosk0" / "data", size_mb=128) as mounted:
        yield mounted


def test_a_full_disk_during_service_still_lets_the_next_person_in(
    disk: SmallDisk, start_kiosk: Callable[..., Kiosk]
) -> None:
    kiosk = start_kiosk()
    kiosk.find("Français", "push button", timeout=60)
    kiosk.step("welcome shown")
    disk.fill()
    kiosk.step("disk filled")

    kiosk.tap("Français", "push button")
    kiosk.find(fr(NOT_SAVED), "label")
    kiosk.find(fr("Find a job"))
    kiosk.step("visit started, person told nothing is kept")

    x, y, _w, _h = kiosk.find("France Travail", "frame")["extents"]
    with kiosk.holding(x + 20, y + 20):
        kiosk.find(fr("Staff PIN"), timeout=HOLD_SECONDS + 10)
    for digit in PIN:
        kiosk.tap(digit, "push button")
    kiosk.tap(fr("Open"), "push button")
    kiosk.find("kiosk.db refused a write (database or disk is full)", match="contains")
    kiosk.step("staff see why")
    assert kiosk.process.poll() is None, kiosk.stderr_tail()
