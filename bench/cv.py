"""CV to PDF: rendering time per template (median of 10, in process) and a whole
`kiosk cv render` process. Goal: under 300 ms in process."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(runs: int = 10) -> dict[str, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from kiosk.cv.jsonresume import to_json_resume
    from kiosk.cv.samples import arabic_cv, long_cv, short_cv
    from kiosk.cv.templates import names
    from ui.cv_pdf import render_pdf, render_preview

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out = Path(tempfile.mkdtemp(prefix="kiosk-bench-cv-"))
    cases = {"short_fr": short_cv("fr"), "short_ar": arabic_cv(), "long_30_jobs": long_cv(30)}
    render_pdf(short_cv(), out / "warm.pdf")  # fonts loaded once per process: not the figure

    def median_ms(action: object) -> float:
        samples = []
        for _ in range(runs):
            began = time.perf_counter()
            action()  # type: ignore[operator]
            samples.append((time.perf_counter() - began) * 1000)
        return round(statistics.median(samples), 1)

    in_process: dict[str, dict[str, float]] = {}
    for template in names():
        in_process[template] = {
            name: median_ms(lambda cv=cv, t=template: render_pdf(cv, out / "cv.pdf", t))
            for name, cv in cases.items()
        }
    preview = median_ms(lambda: render_preview(short_cv(), 600, "band"))

    source = out / "cv.json"
    source.write_text(json.dumps(to_json_resume(short_cv())), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    walls = []
    for _ in range(3):
        began = time.perf_counter()
        command = ["cv", "render", str(source), "--out", str(out / "p.pdf")]
        subprocess.run(
            [sys.executable, "-m", "kiosk", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        walls.append((time.perf_counter() - began) * 1000)
    return {
        "render_pdf_median_ms": in_process,
        "preview_600px_median_ms": preview,
        "kiosk_cv_render_process_median_ms": round(statistics.median(walls), 1),
        "runs": runs,
        "goal_ms": 300,
    }
