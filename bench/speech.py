"""Speech latency: say() to the first audio bytes handed to the player."""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from pathlib import Path


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


def run(phrases: int = 20) -> dict[str, object]:
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
