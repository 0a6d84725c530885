"""A kiosk whose printer stopped or whose voice fails shows as needing a technician: the
kiosk's real heartbeat (a fake `lpstat` on PATH plays CUPS) through the real hub and
PostgreSQL, on the fleet page in French and in `hub status --json`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import devices
from kiosk.sync.run import deliver_outbox
from tests.fakes.devices import forget as forget_devices
from tests.hub.conftest import Hub
from tests.hub.dashboard_kit import login

LPSTAT = """system default destination: Accueil
printer Accueil is idle.  enabled since Wed 02 Dec 2026 08:00:00 AM UTC
printer Panne disabled since Wed 02 Dec 2026 08:00:00 AM UTC -
\tPaper jam <b>
Accueil accepting requests since Wed 02 Dec 2026 08:00:00 AM UTC
Panne accepting requests since Wed 02 Dec 2026 08:00:00 AM UTC
"""


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    forget_devices()
    yield
    forget_devices()


def test_stopped_printer_and_broken_voice_need_a_technician(
    hub: Hub, enrolled, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "lpstat"
    script.write_text(f"#!/bin/sh\ncat <<'EOF'\n{LPSTAT}EOF\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:{Path('/usr/bin')}:{Path('/bin')}")
    stopped, mute, fine = enrolled("stopped"), enrolled("mute"), enrolled("fine")
    deliver_outbox(stopped.config(printer__name="Panne"), stopped.data_dir)
    devices.set_speech_source(lambda: ["no voice for ar"])
    deliver_outbox(mute.config(speech__enabled=True), mute.data_dir)
    devices.set_speech_source(lambda: [])
    deliver_outbox(fine.config(speech__enabled=True), fine.data_dir)

    page = login(hub, "marie@agence.example").get(f"{hub.url}/fleet/", timeout=10).text

    def row(kiosk_id: str) -> str:
        return page.split(f'data-kiosk="{kiosk_id}"', 1)[1].split("</tr>", 1)[0]

    assert "data-printer" in row("stopped") and "data-speech" not in row("stopped")
    # CUPS's reason, escaped like every field a kiosk sends.
    assert "Imprimante arrêtée : Paper jam &lt;b&gt;" in row("stopped")
    assert "data-speech" in row("mute") and "data-printer" not in row("mute")
    assert "La voix ne marche pas bien : no voice for ar" in row("mute")
    assert "data-printer" not in row("fine") and "data-speech" not in row("fine")
    assert "Imprimante" not in row("fine") and "La voix" not in row("fine")

    done = hub.cli("status", "--json")
    assert done.returncode == 0, done.stderr
    kiosks = {k["id"]: k for k in json.loads(done.stdout)["kiosks"]}
    assert kiosks["stopped"]["printer_state"] == "disabled"
    assert "Paper jam" in kiosks["stopped"]["printer_problem"]
    assert kiosks["fine"]["printer_state"] == "idle" and kiosks["fine"]["printer_problem"] is None
    assert kiosks["mute"]["speech_problems"] == ["no voice for ar"]
