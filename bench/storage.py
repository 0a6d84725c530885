"""kiosk.db durability and the wipe: the cost of one autosave with synchronous=FULL (what
kiosk.db uses: a commit is on disk when it returns) against NORMAL (the catalogue's), and the
time to end a session, WAL checkpoint included. Goal for the wipe: under 200 ms.

On a real file in the temporary folder (its disk decides the fsync cost): medians of `runs`.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from kiosk.session import Sessions
from kiosk.storage import connect, open_database
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA

DRAFT = {
    "basics": {"name": "Marie Dupont", "phone": "06 12 34 56 78", "email": "marie@example.org"},
    "work": [{"name": "Boulangerie du Centre", "position": "Vendeuse", "summary": "x" * 400}] * 4,
}


def _ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def _save_cost(folder: Path, durable: bool, runs: int) -> float:
    path = folder / f"save-{durable}.db"
    open_database(path, KIOSK_SCHEMA).db.conn.close()
    sessions = Sessions(connect(path, secure_delete=True, durable=durable))
    sessions.start("fr")
    samples = []
    for n in range(runs):
        began = time.perf_counter()
        sessions.save("cv", {**DRAFT, "step": n})
        samples.append(time.perf_counter() - began)
    sessions.end()
    return _ms(samples)


def _wipe_cost(folder: Path, runs: int, saves: int = 25) -> tuple[float, float, int]:
    """Median and worst time of `end()` after a visit of `saves` autosaves, other idle
    connections open (the UI's and the sync thread's); and the WAL's size before the wipe."""
    path = folder / "wipe.db"
    store = open_database(path, KIOSK_SCHEMA).db
    others = [connect(path, secure_delete=True) for _ in range(2)]
    sessions = Sessions(store)
    samples, wal = [], 0
    for _ in range(runs):
        sessions.start("fr")
        for n in range(saves):
            sessions.save("cv", {**DRAFT, "step": n})
        wal = (folder / "wipe.db-wal").stat().st_size
        began = time.perf_counter()
        sessions.end()
        samples.append(time.perf_counter() - began)
        assert (folder / "wipe.db-wal").stat().st_size == 0
    for db in others:
        db.conn.close()
    return _ms(samples), round(max(samples) * 1000, 2), wal


def run(runs: int = 50) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-storage-") as name:
        folder = Path(name)
        full = _save_cost(folder, True, runs)
        normal = _save_cost(folder, False, runs)
        wipe, worst, wal = _wipe_cost(folder, max(5, runs // 5))
    return {
        "save_ms_full": full,
        "save_ms_normal": normal,
        "save_cost_of_full_ms": round(full - normal, 2),
        "wipe_ms_median": wipe,
        "wipe_ms_worst": worst,
        "wal_bytes_before_wipe": wal,
        "wipe_goal_ms": 200,
    }
