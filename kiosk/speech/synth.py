"""Text to WAV bytes with pyttsx3 (espeak-ng on Linux, SAPI5 on Windows)."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from kiosk import languages
from kiosk.speech.errors import SpeechError
from kiosk.speech.voices import VoiceChoice, VoiceInfo, choose_voice, voice_info

log = logging.getLogger(__name__)

DEFAULT_LANGUAGES = languages.CODES
_WAV_HEADER = 44

# pyttsx3 hands out one shared engine per driver and espeak-ng itself is process-global, so
# two synthesizers on two threads would still drive the same C state.
_ENGINE_LOCK = threading.Lock()


class Synthesizer(Protocol):
    """Turns one sentence into WAV bytes. Implementations may be tied to one thread."""

    def synthesize(self, text: str, language: str, rate: int) -> bytes: ...

    def voice_problems(self) -> list[str]: ...


def _default_engine_factory() -> Any:
    import pyttsx3

    return pyttsx3.init()


def _nothing() -> None:
    pass


def _espeak_settler(engine: Any) -> Callable[[], None]:
    """How to wait until espeak-ng has applied queued property changes, if it is the driver.

    pyttsx3 runs espeak-ng asynchronously: a rate change is queued inside espeak-ng, and
    pyttsx3's next run loop can cancel that queue, so the change was lost or arrived one
    phrase late (measured: most alternating 90/250 wpm phrases came out at the wrong rate).
    ``espeak_Synchronize`` waits for the queue to drain, which makes the change stick.
    """
    module = getattr(getattr(engine, "proxy", None), "_module", None)
    if not getattr(module, "__name__", "").endswith(".espeak"):
        return _nothing
    try:
        from pyttsx3.drivers import _espeak
    except Exception:  # the driver loaded it already; failing here only loses the guard
        log.warning("speech: espeak-ng synchronisation unavailable", exc_info=True)
        return _nothing

    def settle() -> None:
        _espeak.Synchronize()

    return settle


class Pyttsx3Synthesizer:
    """pyttsx3 synthesis to a temporary WAV file, read back as bytes.

    The engine is created on the first call, on the calling thread, and refuses other threads
    afterwards: SAPI5 engines are COM objects bound to their thread, and pyttsx3 is not
    thread-safe anywhere. `prepare` lets the owning thread create it ahead of the first phrase.
    """

    def __init__(
        self,
        languages: Sequence[str] = DEFAULT_LANGUAGES,
        engine_factory: Callable[[], Any] | None = None,
        temp_dir: Path | None = None,
    ) -> None:
        self._languages = tuple(languages)
        self._factory = engine_factory or _default_engine_factory
        self._temp_dir = temp_dir
        self._engine: Any = None
        self._owner: int | None = None
        self._voices: dict[str, VoiceChoice] = {}
        self._voices_list: list[VoiceInfo] = []
        self._problems: list[str] = []
        self._problems_lock = threading.Lock()
        self._current: tuple[str | None, int] | None = None
        self._settle: Callable[[], None] = _nothing

    def prepare(self) -> None:
        """Create the engine on this thread and choose a voice for every configured language."""
        self._engine_here()

    def voice_problems(self) -> list[str]:
        with self._problems_lock:
            return list(self._problems)

    def voice_for(self, language: str) -> str | None:
        """The voice id used for ``language`` (None: engine default); creates the engine."""
        self._engine_here()
        return self._choice(language).voice_id

    def synthesize(self, text: str, language: str, rate: int) -> bytes:
        if not text.strip():
            raise SpeechError("nothing to say: the text is empty")
        engine = self._engine_here()
        choice = self._choice(language)
        # espeak-ng has been seen, rarely, to hand back an empty file; one retry hides that.
        for attempt in (1, 2):
            data = self._run_engine(engine, choice, text, language, rate)
            if len(data) > _WAV_HEADER:
                return data
            log.warning(
                "speech: empty audio (%s, %d chars), attempt %d", language, len(text), attempt
            )
        raise SpeechError(f"speech synthesis produced no audio for {language}")

    def _run_engine(
        self, engine: Any, choice: VoiceChoice, text: str, language: str, rate: int
    ) -> bytes:
        fd, name = tempfile.mkstemp(prefix="kiosk-tts-", suffix=".wav", dir=self._temp_dir)
        os.close(fd)
        path = Path(name)
        try:
            with _ENGINE_LOCK:
                if self._current != (choice.voice_id, rate):
                    if choice.voice_id is not None:
                        engine.setProperty("voice", choice.voice_id)
                    engine.setProperty("rate", rate)
                    self._settle()
                    self._current = (choice.voice_id, rate)
                # The espeak driver print()s a line per saved file; keep the kiosk's stdout clean.
                with contextlib.redirect_stdout(io.StringIO()):
                    engine.save_to_file(text, str(path))
                    engine.runAndWait()
            return path.read_bytes()
        except Exception as exc:
            raise SpeechError(f"speech synthesis failed for {language}: {exc}") from exc
        finally:
            with contextlib.suppress(OSError):
                path.unlink()

    def _engine_here(self) -> Any:
        me = threading.get_ident()
        if self._engine is not None:
            if self._owner != me:
                raise SpeechError("the speech engine was used from a second thread")
            return self._engine
        try:
            with _ENGINE_LOCK:
                engine = self._factory()
                raw_voices = engine.getProperty("voices") or []
        except Exception as exc:
            raise SpeechError(f"speech engine could not start (pyttsx3/espeak-ng): {exc}") from exc
        self._engine, self._owner = engine, me
        self._settle = _espeak_settler(engine)
        voices = [voice_info(v) for v in raw_voices]
        for language in self._languages:
            self._voices[language] = choose_voice(voices, language)
        for choice in self._voices.values():
            if choice.problem:
                self._add_problem(choice.problem)
        self._voices_list = voices
        return engine

    def _choice(self, language: str) -> VoiceChoice:
        choice = self._voices.get(language)
        if choice is None:
            choice = choose_voice(self._voices_list, language)
            self._voices[language] = choice
            if choice.problem:
                self._add_problem(choice.problem)
        return choice

    def _add_problem(self, problem: str) -> None:
        log.warning("%s", problem)
        with self._problems_lock:
            if problem not in self._problems:
                self._problems.append(problem)
