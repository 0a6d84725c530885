"""The printer as CUPS sees it, read with a fake `lpstat` on PATH (a real executable printing
what CUPS prints), the last print, and the voices, as the heartbeat carries them."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk import config, devices
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA
from kiosk.sync.hub import state_events
from kiosk.sync.run import KIOSK_FILE, open_db
from tests.fakes.devices import forget as forget_devices

STAMP = "Wed 02 Dec 2026 08:00:00 AM UTC"
HEALTHY = f"""system default destination: Accueil
printer Accueil is idle.  enabled since {STAMP}
printer Bureau now printing Bureau-12.  enabled since {STAMP}
printer Panne disabled since {STAMP} -
\tPaper jam
printer Plein is idle.  enabled since {STAMP}
Accueil accepting requests since {STAMP}
Bureau accepting requests since {STAMP}
Panne accepting requests since {STAMP}
Plein not accepting requests since {STAMP} -
\tToner empty
"""


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    forget_devices()
    yield
    forget_devices()


def fake_lpstat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, out: str, err: str = "", code: int = 0
) -> Path:
    """An `lpstat` first on PATH that prints `out`/`err`, logs its arguments, exits `code`."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    (folder / "out.txt").write_text(out)
    (folder / "err.txt").write_text(err)
    script = folder / "lpstat"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$LC_ALL $*" >> "{folder}/calls.txt"\n'
        f'cat "{folder}/out.txt"\ncat "{folder}/err.txt" >&2\nexit {code}\n'
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")
    return folder


def test_each_cups_state_of_the_named_or_default_printer(tmp_path, monkeypatch) -> None:
    folder = fake_lpstat(tmp_path, monkeypatch, HEALTHY)
    assert devices.read_cups("") == {"state": "idle", "reason": "", "cups_name": "Accueil"}
    assert devices.read_cups("Bureau")["state"] == "printing"
    assert devices.read_cups("Panne") == {
        "state": "disabled",
        "reason": "Paper jam",
        "cups_name": "Panne",
    }
    assert devices.read_cups("Plein") == {
        "state": "rejecting",
        "reason": "Toner empty",
        "cups_name": "Plein",
    }
    missing = devices.read_cups("Absente")
    assert missing["state"] == "not_found" and "Absente" in missing["reason"]
    # Parsed words must be CUPS's English ones, whatever the kiosk's own locale.
    assert (folder / "calls.txt").read_text().splitlines()[0] == "C -d -p -a"


def test_no_default_no_scheduler_no_lpstat_and_a_hung_lpstat(tmp_path, monkeypatch) -> None:
    fake_lpstat(tmp_path, monkeypatch, "no system default destination\n")
    assert devices.read_cups("")["state"] == "not_found"
    fake_lpstat(tmp_path, monkeypatch, "", "lpstat: Scheduler is not running.\n", code=1)
    down = devices.read_cups("Accueil")
    assert down == {
        "state": "no_cups",
        "reason": "lpstat: Scheduler is not running.",
        "cups_name": "Accueil",
    }
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert devices.read_cups("Accueil")["state"] == "no_cups"
    folder = fake_lpstat(tmp_path, monkeypatch, HEALTHY)
    (folder / "lpstat").write_text("#!/bin/sh\nexec sleep 30\n")
    started = time.monotonic()
    hung = devices.read_cups("Accueil", timeout=0.5)
    assert time.monotonic() - started < 5
    assert hung["state"] == "unknown" and "did not answer" in hung["reason"]


def test_the_answer_is_reused_so_a_heartbeat_does_not_wait_each_time(tmp_path, monkeypatch) -> None:
    folder = fake_lpstat(tmp_path, monkeypatch, HEALTHY)
    assert devices.printer_state("Panne", now=1000.0)["state"] == "disabled"
    assert devices.printer_state("Panne", now=1000.0 + devices.PRINTER_EVERY - 1)["state"] == (
        "disabled"
    )
    assert len((folder / "calls.txt").read_text().splitlines()) == 1
    (folder / "out.txt").write_text(HEALTHY.replace("Panne disabled", "Panne is idle."))
    assert devices.printer_state("Panne", now=1000.0 + devices.PRINTER_EVERY + 1)["state"] == (
        "idle"
    )


def test_heartbeat_carries_printer_last_print_and_voices(tmp_path, monkeypatch) -> None:
    fake_lpstat(tmp_path, monkeypatch, HEALTHY)
    conf = config.load(None, environ={}).with_values(
        data_dir=str(tmp_path / "data"), printer__name="Panne", speech__enabled=True
    )
    store = open_db(tmp_path / "data" / KIOSK_FILE, KIOSK_SCHEMA)
    try:

        def beat() -> dict:
            (item,) = [i for i in state_events(conf, store) if i.payload["type"] == "heartbeat"]
            return item.payload["data"]

        first = beat()
        # The old keys stay; the device's state comes with them.
        assert first["printer"] == {
            "name": "Panne",
            "state": "disabled",
            "reason": "Paper jam",
            "cups_name": "Panne",
            "last_print": None,
        }
        assert first["speech"] == {"enabled": True, "problems": None}  # no speaker here
        devices.record_print(False, "no printer Panne available", datetime(2026, 12, 2, tzinfo=UTC))
        problems = ["no voice for ar"]
        devices.set_speech_source(lambda: problems)
        second = beat()
        assert second["printer"]["last_print"] == {
            "ok": False,
            "at": "2026-12-02T00:00:00Z",
            "reason": "no printer Panne available",
        }
        assert second["speech"] == {"enabled": True, "problems": ["no voice for ar"]}
        problems.clear()
        assert beat()["speech"]["problems"] == []
    finally:
        store.conn.close()


def test_a_kiosk_forgets_its_own_speaker_only(tmp_path) -> None:
    from kiosk.services import open_kiosk
    from kiosk.speech.fake import SilentSpeaker

    conf = config.load(None, environ={}).with_values(data_dir=str(tmp_path / "data"))
    kiosk = open_kiosk(conf, speaker_factory=lambda c, d: SilentSpeaker(problems=["no audio"]))
    assert devices.speech_problems() == ["no audio"]
    other = SilentSpeaker(problems=["other"])
    devices.set_speech_source(other.problems)
    kiosk.close()  # a newer kiosk's speaker stays registered
    assert devices.speech_problems() == ["other"]
    devices.forget_speech_source(other.problems)
    assert devices.speech_problems() is None
