"""The real `python -m kiosk` as a technician or CI runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import __version__

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


def kiosk(
    *args: str, env: dict[str, str] | None = None, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_version() -> None:
    result = kiosk("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"kiosk {__version__}"


def test_self_test_passes_headless(data_dir: Path) -> None:
    result = kiosk("self-test", env={"QT_QPA_PLATFORM": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all checks passed" in result.stdout
    assert "3000 offers (demo), 1584 occupations" in result.stdout
    assert (data_dir / "kiosk.db").exists() and (data_dir / "catalogue.db").exists()
    assert (data_dir / "logs" / "kiosk.log").exists()


def test_a_corrupt_kiosk_db_is_moved_aside_and_the_kiosk_still_starts(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "kiosk.db").write_bytes(b"garbage" * 1000)
    result = kiosk("self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    aside = list(data_dir.glob("kiosk.db.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b"garbage" * 1000
    assert "kiosk.db was damaged" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_wrong_setting_stops_start_up_naming_it(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("[session]\nidle_seconds = -4\n", encoding="utf-8")
    result = kiosk("--config", str(config), "self-test")
    assert result.returncode == 2
    assert "session.idle_seconds" in result.stderr and "-4" in result.stderr
    assert "from 20 to 3600" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreadable_config_still_starts_and_says_so(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_bytes(b"\xff\xfe not toml [")
    result = kiosk("self-test", env={"KIOSK_CONFIG": str(config)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "could not be read" in result.stdout


def test_run_without_a_display_says_so_in_one_line() -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0]


def test_run_shows_the_welcome_screen_offscreen() -> None:
    result = kiosk("run", "--exit-when-shown", env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert "welcome shown" in result.stdout


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_screenshots_of_every_screen(tmp_path: Path, language: str) -> None:
    out = tmp_path / "shots"
    result = kiosk("screenshots", "--out", str(out), "--lang", language)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.glob("*.png"))
    from ui.screens import screen_classes

    every = {cls.NAME for cls in screen_classes()}
    assert {"welcome", "home", "find_job", "offer", "cv_preview"} <= every
    for screen in every:
        assert any(f"-{screen}-{language}" in n for n in names), (screen, names)
    for png in out.glob("*.png"):
        data = png.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 10_000


def test_config_doc_check_detects_drift(tmp_path: Path) -> None:
    assert kiosk("config-doc", "--check", str(ROOT / "docs" / "config.md")).returncode == 0
    stale = tmp_path / "config.md"
    stale.write_text("# old\n", encoding="utf-8")
    assert kiosk("config-doc", "--check", str(stale)).returncode == 1
