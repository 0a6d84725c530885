"""Speech latency: say() to the first audio bytes handed to the player."""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from pathlib import Path

# The same sentence in every language, from the catalogues (a real one the kiosk says).
SENTENCE = "Forget these answers and start again."


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
    from kiosk.i18n import in_language
    from kiosk.languages import CODES
    from kiosk.speech import PhraseCache, Pyttsx3Synthesizer, ThreadedSpeaker

    first_audio = threading.Event()
    stamp: list[float] = []

    def on_audio(t: float) -> None:
        stamp.append(t)
        first_audio.set()

    cache = PhraseCache(Path(tempfile.mkdtemp(prefix="kiosk-speech-")), 64 * 1024 * 1024)
    synthesizer = Pyttsx3Synthesizer(CODES)
    speaker = ThreadedSpeaker(synthesizer, _Capture(), cache, 150, 3, on_audio=on_audio)  # type: ignore[arg-type]
    texts = [
        f"Offre numéro {i}. Vous pouvez l'imprimer ou la garder sur votre téléphone."
        for i in range(phrases)
    ]

    def summary(values: list[float]) -> dict[str, float]:
        ordered = sorted(values)
        return {
            "median_ms": round(statistics.median(values), 1),
            "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1),
        }

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
    # Every language of the registry, its own espeak-ng voice, the same sentence from its
    # catalogue; a number makes each one fresh (never from the cache).
    per_language: dict[str, dict[str, float]] = {}
    for code in CODES:
        sentence = in_language(code, SENTENCE)
        measure(in_language(code, "Repeat"), code)  # the voice's first load is not the figure
        per_language[code] = summary(
            [measure(f"{sentence} {i}", code) for i in range(max(3, phrases // 4))]
        )
    problems = synthesizer.voice_problems()
    speaker.close()

    return {
        "fresh_fr": summary(fresh),
        "cached_fr": summary(cached),
        "fresh_ar": summary(arabic),
        "first_audio_by_language": per_language,
        "sentence": SENTENCE,
        "voice_problems": problems,
        "phrases": phrases,
        "goal_ms": 150,
    }
