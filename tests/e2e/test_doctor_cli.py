"""`kiosk doctor` and `kiosk set-staff-pin` as a technician runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


def kiosk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_doctor_reports_every_area_and_its_exit_code(data_dir: Path) -> None:
    assert kiosk("self-test").returncode == 0  # a kiosk that has run once
    result = kiosk("doctor", "--json", "--no-network", env={"QT_QPA_PLATFORM": "offscreen"})
    report = json.loads(result.stdout)
    assert result.returncode == report["exit_code"] in (1, 2), result.stderr
    names = {c["name"] for c in report["checks"]}
    for name in (
        "python",
        "Qt",
        "display",
        "config",
        "data dir",
        "disk",
        "kiosk.db",
        "catalogue.db",
        "catalogue",
        "clock",
        "fonts fr",
        "fonts ar",
        "Arabic shaping",
        "printer",
        "staff PIN",
    ):
        assert name in names, name
    by_name = {c["name"]: c for c in report["checks"]}
    assert by_name["kiosk.db"]["level"] == "OK"
    assert by_name["display"]["level"] == "WARNING"  # offscreen: no real screen to check
    assert by_name["catalogue"]["level"] == "WARNING" and "demo" in by_name["catalogue"]["message"]
    assert "Traceback" not in result.stderr


def test_doctor_with_a_broken_config_explains_instead_of_crashing(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("idle_seconds = 30\n[speech]\nrate = 'fast'\n", encoding="utf-8")
    result = kiosk(
        "--config", str(config), "doctor", "--no-network", env={"QT_QPA_PLATFORM": "offscreen"}
    )
    assert result.returncode == 2
    assert "PROBLEM  config: unknown setting 'idle_seconds'" in result.stdout
    assert "under [session]" in result.stdout
    assert "speech.rate" in result.stdout and "'fast'" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.rstrip().splitlines()[-1].startswith("doctor: ")


def test_staff_unlock(data_dir: Path) -> None:
    result = kiosk("staff-unlock")
    assert result.returncode == 0 and "unlocked" in result.stdout
