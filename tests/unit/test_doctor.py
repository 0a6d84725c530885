"""`kiosk doctor`'s checks on bad input: broken configs, full disks, read-only folders, no
printer, no audio, no voices, unreachable servers, a wrong clock."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import socket
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import config as config_module
from kiosk import doctor
from kiosk.doctor import Level, config_check, network, qt, speech, system
from kiosk.doctor.run import Probes, run_checks
from kiosk.speech import NullPlayer
from kiosk.staff.status import DiskUsage
from kiosk.storage import open_database
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA

MB = 1024 * 1024


def levels(checks: list[doctor.Check]) -> dict[str, Level]:
    return {c.name: c.level for c in checks}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


# -- the configuration ---------------------------------------------------------------------


def test_unknown_keys_and_wrong_types_are_all_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'idle_seconds = 30\n[speech]\nrate = "fast"\nvolume = 3\n[sesion]\nidle_seconds = 9\n',
    )
    found = config_check.check_file(path)
    lines = [c.line() for c in found]
    assert all(c.level is Level.PROBLEM for c in found[:-1]), lines
    text = "\n".join(lines)
    assert "unknown setting 'idle_seconds'" in text
    assert "did you mean `idle_seconds` under [session]?" in text
    assert "'speech.rate'" in text and "'fast'" in text and "from 80 to 300" in text
    assert "unknown setting 'speech.volume'" in text
    assert "unknown setting 'sesion.idle_seconds'" in text
    assert "will not start with this file" in lines[-1]


def test_a_section_written_as_a_value_is_explained(tmp_path: Path) -> None:
    found = config_check.check_file(write(tmp_path, "staff = 1234\n"))
    assert "[staff] is a section" in found[0].advice


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[session\nidle_seconds = 30\n", "not valid TOML"),
        ('[language]\ndefault = "ar"\nenabled = ["fr"]\n', "language.default"),
    ],
)
def test_broken_files_are_problems_not_tracebacks(tmp_path: Path, text: str, expected: str) -> None:
    found = config_check.check_file(write(tmp_path, text))
    assert found[0].level is Level.PROBLEM and expected in found[0].message


def test_a_missing_file_is_a_problem(tmp_path: Path) -> None:
    found = config_check.check_file(tmp_path / "nope.toml")
    assert found[0].level is Level.PROBLEM and "does not exist" in found[0].message


def test_missing_sections_show_as_what_they_switch_off(tmp_path: Path) -> None:
    settings = config_module.load(
        write(tmp_path, '[francetravail]\nclient_id = "abc"\n[hub]\nurl = "https://hub.local"\n'),
        environ={},
    )
    found = {c.name + ":" + c.message: c.level for c in config_check.check_settings(settings)}
    assert any("pin_hash is empty" in k and v is Level.WARNING for k, v in found.items())
    assert any("client_secret is empty" in k and v is Level.PROBLEM for k, v in found.items())
    assert any("hub.token is empty" in k for k in found)


def test_a_damaged_pin_hash_is_a_problem(tmp_path: Path) -> None:
    settings = config_module.load(write(tmp_path, '[staff]\npin_hash = "1234"\n'), environ={})
    [check] = [c for c in config_check.check_settings(settings) if c.name == "staff PIN"]
    assert check.level is Level.PROBLEM and "set-staff-pin" in check.advice


# -- disk, folders, databases, clock ----------------------------------------------------------


@pytest.mark.parametrize(
    ("free_mb", "level"), [(10, Level.PROBLEM), (600, Level.WARNING), (20_000, Level.OK)]
)
def test_free_disk_thresholds(tmp_path: Path, free_mb: int, level: Level) -> None:
    check = system.disk_check(tmp_path, lambda _p: DiskUsage(50_000 * MB, 0, free_mb * MB))
    assert check.level is level and f"{free_mb:,} MB free" in check.message


def test_a_read_only_data_dir_is_a_problem(tmp_path: Path) -> None:
    check = system.data_dir_check(tmp_path, probe=lambda _p: "Read-only file system")
    assert check.level is Level.PROBLEM
    assert "not writable (Read-only file system)" in check.message and "chown" in check.advice


def test_the_write_probe_really_writes(tmp_path: Path) -> None:
    assert system.try_write(tmp_path) is None
    assert system.try_write(tmp_path / "missing") is not None
    assert list(tmp_path.iterdir()) == []


def test_a_data_dir_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("x")
    assert system.data_dir_check(tmp_path / "data").level is Level.PROBLEM


def test_healthy_databases(tmp_path: Path) -> None:
    open_database(tmp_path / "kiosk.db", KIOSK_SCHEMA).db.conn.close()
    [check] = system.database_checks(tmp_path / "kiosk.db", KIOSK_SCHEMA, quick=False)
    assert check.level is Level.OK, check.line()
    assert f"schema version {KIOSK_SCHEMA.version}" in check.message


def test_a_database_from_a_newer_kiosk_and_an_old_one(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    open_database(path, KIOSK_SCHEMA).db.conn.close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {KIOSK_SCHEMA.version + 1}")
    [newer] = system.database_checks(path, KIOSK_SCHEMA, quick=False)
    assert newer.level is Level.PROBLEM and "newer kiosk" in newer.message
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 1")
    [older] = system.database_checks(path, KIOSK_SCHEMA, quick=False)
    assert older.level is Level.WARNING and "migration(s) to apply" in older.message


def test_a_corrupt_database_and_copies_moved_aside(tmp_path: Path) -> None:
    (tmp_path / "kiosk.db").write_bytes(b"not a database" * 100)
    (tmp_path / "kiosk.db.corrupt-20260101-000000").write_bytes(b"x")
    found = system.database_checks(tmp_path / "kiosk.db", KIOSK_SCHEMA, quick=False)
    assert [c.level for c in found] == [Level.WARNING, Level.PROBLEM]
    assert "moved aside" in found[0].message and "cannot be read" in found[1].message


def test_the_clock(tmp_path: Path) -> None:
    assert (
        system.clock_check(dt.datetime(2019, 5, 1, tzinfo=dt.UTC), tmp_path).level is Level.PROBLEM
    )
    assert (
        system.clock_check(dt.datetime(2090, 5, 1, tzinfo=dt.UTC), tmp_path).level is Level.PROBLEM
    )
    now = dt.datetime.now(dt.UTC)
    assert system.clock_check(now, tmp_path).level is Level.OK
    (tmp_path / "kiosk.db").write_bytes(b"")  # written "now": a clock a day behind went back
    back = system.clock_check(now - dt.timedelta(days=1), tmp_path)
    assert back.level is Level.PROBLEM and "went back" in back.message


# -- speech -------------------------------------------------------------------------------


class FakeSynth:
    def __init__(self, languages, missing=("ar",)):  # type: ignore[no-untyped-def]
        self.languages, self.missing = languages, missing

    def prepare(self) -> None:
        pass

    def voice_problems(self) -> list[str]:
        return [f"no speech voice for {c}; using the default voice" for c in self.missing]

    def voice_for(self, language: str) -> str:
        return f"voice-{language}"

    def synthesize(self, text: str, language: str, rate: int) -> bytes:
        import io
        import wave

        out = io.BytesIO()
        with wave.open(out, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(8000)
            w.writeframes(b"\x01\x00" * 8000)
        return out.getvalue()


def test_a_missing_voice_is_a_problem_per_language() -> None:
    found = speech.voice_checks(("fr", "ar"), FakeSynth)
    assert levels(found) == {"voice fr": Level.OK, "voice ar": Level.PROBLEM}
    assert "1.0 s" in found[0].message


def test_an_engine_that_cannot_start() -> None:
    def broken(_languages):  # type: ignore[no-untyped-def]
        raise OSError("libespeak-ng.so.1: cannot open shared object file")

    [check] = speech.voice_checks(("fr",), broken)
    assert check.level is Level.PROBLEM and "libespeak-ng" in check.message


def test_no_audio_device() -> None:
    class NoCard(NullPlayer):
        def available(self) -> str | None:
            return "no audio output device: aplay -l lists none"

    check = speech.audio_check("aplay", lambda _name: NoCard())
    assert check.level is Level.PROBLEM and "silent" in check.message and "aplay -l" in check.advice
    assert speech.audio_check("none").level is Level.OK


# -- display, fonts, printers (facts from the Qt child process) ------------------------------


def facts(**overrides: object) -> dict:
    base = {
        "pyside": "6.11.3",
        "qt": "6.11.3",
        "platform": "xcb",
        "screens": [{"name": "HDMI-1", "width": 1920, "height": 1080}],
        "fonts": {
            "fr": {"families": 5, "preferred": ["Noto Sans"]},
            "ar": {"families": 2, "preferred": ["Noto Sans Arabic"]},
        },
        "arabic": {"family": "Noto Sans Arabic", "missing": 0, "shaped": True},
        "printers": ["Accueil"],
        "default_printer": "Accueil",
    }
    base.update(overrides)
    return base


def test_no_printer_and_a_configured_printer_that_is_missing() -> None:
    [none] = qt.printer_checks(facts(printers=[], default_printer=""), "")
    assert none.level is Level.WARNING and "no printer installed" in none.message
    [wrong] = qt.printer_checks(facts(), "Salle2")
    assert (
        wrong.level is Level.PROBLEM and "'Salle2'" in wrong.message and "Accueil" in wrong.message
    )
    assert qt.printer_checks(facts(), "Accueil")[0].level is Level.OK


def test_fonts_and_arabic_shaping() -> None:
    assert {c.level for c in qt.font_checks(facts(), ("fr", "ar"))} == {Level.OK}
    no_arabic = facts(fonts={"ar": {"families": 0, "preferred": []}})
    assert qt.font_checks(no_arabic, ("ar",))[0].level is Level.PROBLEM
    apart = facts(arabic={"family": "X", "missing": 0, "shaped": False})
    assert "drawn apart" in qt.font_checks(apart, ("ar",))[-1].message
    tofu = facts(arabic={"family": "X", "missing": 5, "shaped": True})
    assert "no glyph" in qt.font_checks(tofu, ("ar",))[-1].message


def test_a_qt_that_cannot_open_the_display_still_checks_fonts_offscreen() -> None:
    calls: list[str] = []

    def runner(command, env):  # type: ignore[no-untyped-def]
        calls.append(env.get("QT_QPA_PLATFORM", ""))
        if env.get("QT_QPA_PLATFORM") != "offscreen":
            return -6, "", 'qt.qpa.plugin: Could not load the Qt platform plugin "xcb"'
        return 0, json.dumps(facts(platform="offscreen")) + "\n", ""

    found = qt.qt_checks(("fr",), "", {"DISPLAY": ":0"}, runner)
    assert calls == ["", "offscreen"]
    display = next(c for c in found if c.name == "display")
    assert display.level is Level.PROBLEM and "xcb" in display.message
    assert any(c.name == "fonts fr" and c.level is Level.OK for c in found)


def test_a_small_screen_is_a_warning() -> None:
    runner = lambda _c, _e: (0, json.dumps(facts(screens=[{"width": 1024, "height": 600}])), "")  # noqa: E731
    found = qt.qt_checks(("fr",), "", {"DISPLAY": ":0"}, runner)
    assert next(c for c in found if c.name == "display").level is Level.WARNING


# -- the network, against a real local server -------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(401)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_reachable_and_unreachable_urls(server: str) -> None:
    settings = config_module.load(None, environ={}).with_values(
        francetravail__client_id="id",
        francetravail__token_url=server + "/token",
        francetravail__api_url=f"http://127.0.0.1:{closed_port()}/api",
    )
    found = network.network_checks(settings)
    assert [c.level for c in found] == [Level.OK, Level.WARNING]
    assert "HTTP 401" in found[0].message and "unreachable" in found[1].message
    assert "offline" in found[1].advice


def test_nothing_configured_nothing_reached() -> None:
    found = network.network_checks(config_module.load(None, environ={}))
    assert [c.level for c in found] == [Level.OK]


# -- the whole run and its exit code ------------------------------------------------------------


def test_exit_codes_and_json() -> None:
    good, warn, bad = doctor.ok("a", "x"), doctor.warning("b", "y"), doctor.problem("c", "z", "do")
    assert doctor.exit_code([good]) == 0
    assert doctor.exit_code([good, warn]) == 1
    assert doctor.exit_code([warn, bad, good]) == 2
    data = json.loads(doctor.report_json([good, bad]))
    assert data["status"] == "PROBLEM" and data["exit_code"] == 2
    assert data["checks"][1] == {"name": "c", "level": "PROBLEM", "message": "z", "advice": "do"}
    assert bad.line() == "PROBLEM  c: z -> do"


def test_a_full_run_with_a_broken_config_and_a_full_disk(tmp_path: Path, data_dir: Path) -> None:
    path = write(tmp_path, "[session]\nidle_seconds = -4\n")
    probes = Probes(
        disk_usage=lambda _p: DiskUsage(10_000 * MB, 9_990 * MB, 10 * MB),
        speech=lambda _s: [],
        qt=lambda _s: [],
        network=lambda _s: [],
    )
    found = run_checks(path, environ={"KIOSK_DATA_DIR": str(data_dir)}, probes=probes)
    text = doctor.report_text(found)
    assert "PROBLEM  config: setting 'session.idle_seconds'" in text
    assert "checked with defaults" in text
    assert "PROBLEM  disk: 10 MB free" in text
    assert doctor.exit_code(found) == 2
