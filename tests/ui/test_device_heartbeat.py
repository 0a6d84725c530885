"""The running kiosk tells its hub how its printer and voices are: a person's print that found
no printer, and the speaker's own problems, arrive in the heartbeat the delivery worker sends
(docs/hub-protocol.md), with CUPS played by a fake `lpstat` on PATH."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import config as config_module
from kiosk.catalogue.importer import import_offers
from kiosk.config import Config
from kiosk.i18n import _
from kiosk.speech.fake import RecordingSpeaker
from tests.fakes.devices import forget as forget_devices
from tests.fakes.hub import FakeHub
from tests.ui.taps import tap
from tests.ui.test_search_screens import OFFERS, open_first, search
from ui.search.printing import NO_PRINTER


@pytest.fixture(autouse=True)
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "lpstat"
    script.write_text(
        "#!/bin/sh\necho 'printer no-such-printer disabled since today -'\necho '\tOff line'\n"
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")
    forget_devices()
    yield
    forget_devices()


@pytest.fixture
def settings(data_dir: Path, hub: FakeHub) -> Config:
    return config_module.load(None).with_values(
        session__idle_seconds=600,
        session__warning_seconds=10,
        printer__name="no-such-printer",
        speech__enabled=True,
        **hub.config_values(),
    )


@pytest.fixture
def speaker() -> RecordingSpeaker:
    return RecordingSpeaker(problems=["no Arabic voice installed"])


def test_a_failed_print_and_the_voice_problems_reach_the_hub(  # type: ignore[no-untyped-def]
    qtbot, kiosk_app, kiosk, hub, speaker
) -> None:
    import_offers(kiosk.catalogue, OFFERS)
    window = kiosk_app.window
    screen = open_first(qtbot, window, search(qtbot, window, "boulanger"))
    tap(qtbot, screen.print_button)
    qtbot.waitUntil(lambda: window.notice.text() == _(NO_PRINTER), timeout=10000)
    kiosk_app.start_background()

    def beats() -> list[dict]:
        return [e["data"] for e in list(hub.events.values()) if e["type"] == "heartbeat"]

    qtbot.waitUntil(lambda: bool(beats()), timeout=15000)
    beat = beats()[-1]
    assert beat["printer"]["name"] == "no-such-printer"
    assert beat["printer"]["state"] == "disabled" and beat["printer"]["reason"] == "Off line"
    last = beat["printer"]["last_print"]
    assert last["ok"] is False and "no-such-printer" in last["reason"]
    assert beat["speech"] == {"enabled": True, "problems": ["no Arabic voice installed"]}
