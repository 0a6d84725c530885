"""Run every benchmark and print one JSON document.

Figures, not asserts: speeds are measured here and reported, never checked in timed tests.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def startup(runs: int = 5) -> dict[str, object]:
    """Cold start to the welcome screen shown: a new process each time, offscreen."""
    data = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(data)}

    def once() -> tuple[float, float]:
        began = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "kiosk", "run", "--exit-when-shown"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        )
        wall = time.perf_counter() - began
        inside = float(result.stdout.split("after")[1].split("s")[0])
        return wall, inside

    first_wall, _ = once()  # creates and seeds the databases
    samples = [once() for _ in range(runs)]
    return {
        "first_start_with_seeding_s": round(first_wall, 3),
        "cold_start_to_welcome_s_median": round(statistics.median(s[0] for s in samples), 3),
        "cold_start_samples_s": [round(s[0], 3) for s in samples],
        "in_process_to_welcome_s_median": round(statistics.median(s[1] for s in samples), 3),
        "runs": runs,
        "goal_s": 1.0,
    }


class _Capture:
    """A player that takes the audio and returns at once (the figure is synthesis + hand-off)."""

    def __init__(self) -> None:
        self.played = 0

    def play(self, wav: bytes) -> None:
        self.played += 1

    def stop(self) -> None:
        pass

    def available(self) -> str | None:
        return None


def speech_latency(phrases: int = 20) -> dict[str, object]:
    """say() to the first audio bytes handed to the player, fresh phrases and cached ones."""
    from kiosk.speech import PhraseCache, Pyttsx3Synthesizer, ThreadedSpeaker

    first_audio = threading.Event()
    stamp: list[float] = []

    def on_audio(t: float) -> None:
        stamp.append(t)
        first_audio.set()

    cache = PhraseCache(Path(tempfile.mkdtemp(prefix="kiosk-speech-")), 64 * 1024 * 1024)
    speaker = ThreadedSpeaker(Pyttsx3Synthesizer(), _Capture(), cache, 150, 3, on_audio=on_audio)  # type: ignore[arg-type]
    texts = [
        f"Offre numéro {i}. Vous pouvez l'imprimer ou la garder sur votre téléphone."
        for i in range(phrases)
    ]

    def measure(text: str, language: str) -> float:
        first_audio.clear()
        stamp.clear()
        began = time.perf_counter()
        speaker.say(text, language)
        if not first_audio.wait(10):
            raise RuntimeError("no audio within 10 s")
        return (stamp[0] - began) * 1000

    measure("Bonjour.", "fr")  # starts the engine: not part of the figure
    fresh = [measure(t, "fr") for t in texts]
    cached = [measure(t, "fr") for t in texts]
    arabic = [measure(f"مرحبا، هذا العرض رقم {i}.", "ar") for i in range(phrases)]
    speaker.close()

    def summary(values: list[float]) -> dict[str, float]:
        ordered = sorted(values)
        return {
            "median_ms": round(statistics.median(values), 1),
            "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 1),
        }

    return {
        "fresh_fr": summary(fresh),
        "cached_fr": summary(cached),
        "fresh_ar": summary(arabic),
        "phrases": phrases,
        "goal_ms": 150,
    }


def main() -> int:
    report = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "startup": startup(),
        "speech": speech_latency(),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
