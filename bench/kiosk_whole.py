"""The running kiosk, assembled as `kiosk run` assembles it (offscreen), with its background
workers: from "Send" to the e-mail accepted by a local SMTP server, from "I need help" to the
hub's answer, and the process's memory after 200 sessions against its size after the first.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def _until(app: Any, done: Callable[[], bool], timeout_s: float = 30.0) -> float:
    began = time.perf_counter()
    while not done():
        if time.perf_counter() - began > timeout_s:
            raise TimeoutError("the kiosk did not get there in time")
        app.processEvents()
        time.sleep(0.002)
    return time.perf_counter() - began


def run(sends: int = 5, sessions: int = 200) -> dict[str, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["KIOSK_DATA_DIR"] = tempfile.mkdtemp(prefix="kiosk-bench-whole-")
    from PySide6.QtWidgets import QApplication

    from kiosk import config as config_module
    from kiosk.cv.samples import short_cv
    from kiosk.speech.fake import SilentSpeaker
    from tests.fakes.hub import FakeHub
    from tests.fakes.smtp import FakeSmtp
    from ui.assembly import assemble
    from ui.cv.state import state_for
    from ui.screens.help import cancel

    app = QApplication.instance() or QApplication([])
    with FakeSmtp() as smtp, FakeHub() as hub:
        settings = config_module.load(None).with_values(
            **smtp.config_values(), **hub.config_values()
        )
        kiosk_app = assemble(settings, speaker_factory=lambda _c, _d: SilentSpeaker())
        window = kiosk_app.window
        window.resize(1280, 800)
        window.show()
        send_s: list[float] = []
        help_s: list[float] = []
        try:
            for i in range(sends):
                window.start_session("fr")
                state = state_for(window.ctx)
                state.fresh()
                state.save(short_cv("fr"))
                window.show_screen("cv_email", speak=False)
                screen = window.current
                screen.address.set_text(f"bench{i}@example.org")
                before = len(smtp.messages)
                began = time.perf_counter()
                screen.send.click()
                _until(app, lambda b=before: len(smtp.messages) > b)
                send_s.append(time.perf_counter() - began)

                window.show_screen("home", speak=False)
                seen = sum(1 for e in hub.events.values() if e["type"] == "help_request")
                began = time.perf_counter()
                window.current.tiles["help"].click()
                _until(
                    app,
                    lambda s=seen: (
                        sum(1 for e in hub.events.values() if e["type"] == "help_request") > s
                    ),
                )
                help_s.append(time.perf_counter() - began)
                cancel(window.ctx)
                window.end_session()

            def one_session(n: int) -> None:
                window.start_session(("fr", "en", "ar")[n % 3])
                for name in ("find_job", "cv_identity", "cv_jobs", "cv_languages", "help"):
                    window.show_screen(name, speak=False)
                    app.processEvents()
                window.end_session()
                app.processEvents()

            one_session(0)
            after_first = _rss_mb()
            began = time.perf_counter()
            for n in range(1, sessions):
                one_session(n)
            loop_s = time.perf_counter() - began
            after_all = _rss_mb()
        finally:
            kiosk_app.close()
    return {
        "send_to_smtp_accepted_s_median": round(statistics.median(send_s), 3),
        "send_to_smtp_accepted_s_max": round(max(send_s), 3),
        "help_to_hub_answer_s_median": round(statistics.median(help_s), 3),
        "help_to_hub_answer_s_max": round(max(help_s), 3),
        "goal_s": 5.0,
        "rss_mb_after_first_session": round(after_first, 1),
        f"rss_mb_after_{sessions}_sessions": round(after_all, 1),
        "rss_growth_percent": round(100 * (after_all - after_first) / after_first, 1),
        "goal_growth_percent": 10.0,
        "seconds_per_session": round(loop_s / (sessions - 1), 4),
        "data_dir": str(Path(os.environ["KIOSK_DATA_DIR"])),
    }
