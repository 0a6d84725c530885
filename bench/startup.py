"""Cold start to the welcome screen shown: a new process each time, offscreen."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_BARE = (
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QWidget\n"
    "app = QApplication([])\n"
    "w = QWidget()\n"
    "w.show()\n"
    "QTimer.singleShot(0, app.quit)\n"
    "app.exec()\n"
)


def run(runs: int = 5) -> dict[str, object]:
    data = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    # An installed kiosk starts from bytecode (pip and PyInstaller compile it); a shell with
    # PYTHONDONTWRITEBYTECODE=1 would otherwise recompile the kiosk's own modules every run.
    compiled = (
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", "kiosk", "ui"], cwd=ROOT, check=False
        ).returncode
        == 0
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(data)}

    def once() -> tuple[float, float]:
        began = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "kiosk", "run", "--exit-when-shown"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        wall = time.perf_counter() - began
        inside = float(result.stdout.split("after")[1].split("s")[0])
        return wall, inside

    def floor() -> float:
        """A bare PySide6 window shown and closed: what no kiosk start can beat here."""
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", _BARE], env=env, check=True, capture_output=True)
        return time.perf_counter() - began

    first_wall, _ = once()  # creates and seeds the databases
    samples = [once() for _ in range(runs)]
    floors = [floor() for _ in range(runs)]
    kiosk_median = statistics.median(s[0] for s in samples)
    floor_median = statistics.median(floors)
    return {
        "bare_pyside6_window_s_median": round(floor_median, 3),
        "kiosk_over_bare_window": round(kiosk_median / floor_median, 2),
        "goal_kiosk_over_bare_window": 3.0,
        "first_start_with_seeding_s": round(first_wall, 3),
        "cold_start_to_welcome_s_median": round(statistics.median(s[0] for s in samples), 3),
        "cold_start_samples_s": [round(s[0], 3) for s in samples],
        "in_process_to_welcome_s_median": round(statistics.median(s[1] for s in samples), 3),
        "runs": runs,
        "bytecode_compiled": compiled,
        "goal_s": 1.0,
    }
