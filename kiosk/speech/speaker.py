"""The speech service the whole application talks to."""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from kiosk.speech.cache import PhraseCache
from kiosk.speech.player import Player, scale_volume
from kiosk.speech.synth import Synthesizer

log = logging.getLogger(__name__)

MAX_VOLUME = 5
_MAX_PROBLEMS = 20


Part = tuple[str, str]  # words and the language whose voice reads them


class Speaker(Protocol):
    """Speaks texts aloud without ever blocking the caller.

    A new `say` or `say_parts` cuts whatever is being said; volume is a step from 0 (silent)
    to MAX_VOLUME.
    """

    def say(self, text: str, language: str) -> None: ...

    def say_parts(self, parts: Sequence[Part]) -> None:
        """One utterance in several languages, each part read in order by its own voice: an
        offer's French title inside an Arabic card. Cut as a whole by the next speech."""
        ...

    def stop(self) -> None: ...

    def repeat(self) -> None: ...

    @property
    def last(self) -> tuple[str, str] | None:
        """The last utterance's words (its parts joined) and its first part's language."""
        ...

    @property
    def last_parts(self) -> tuple[Part, ...]:
        """The last utterance part by part, as "repeat" says it again; () when none."""
        ...

    @property
    def volume(self) -> int: ...

    def set_volume(self, step: int) -> None: ...

    def volume_up(self) -> int: ...

    def volume_down(self) -> int: ...

    def reset_volume(self) -> None: ...

    def configure(self, rate: int, default_volume: int) -> None:
        """Staff changed the speech rate or the volume each person starts with."""
        ...

    def problems(self) -> list[str]: ...

    def forget_private(self) -> None:
        """The session has ended: stop, and drop everything kept of what the person said or
        typed (the last text, for "repeat"; audio of anything but the kiosk's fixed texts)."""
        ...

    def close(self) -> None: ...


def clamp_volume(step: int) -> int:
    return max(0, min(MAX_VOLUME, int(step)))


def spoken_parts(parts: Sequence[Part]) -> tuple[Part, ...]:
    """The parts with words in them: a blank part says nothing and is not remembered."""
    return tuple((text, language) for text, language in parts if text.strip())


def summary_of(parts: Sequence[Part]) -> tuple[str, str] | None:
    """What `Speaker.last` gives for an utterance: its words and its first language."""
    if not parts:
        return None
    return " ".join(text for text, _ in parts), parts[0][1]


# A sentence ends at . ! ? … or the Arabic question mark when followed by a space, or at a
# line break; "3.5" and "www.francetravail.fr" therefore stay whole.
_SENTENCE_END = re.compile(r"(?<=[.!?…؟])\s+|\s*\n\s*")
# A full stop after these is an abbreviation or an initial ("M. Dupont", "J. Martin"), not
# the end of a sentence.
_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:\w|M|Mme|Mmes|Mlle|MM|Me|Dr|Pr|St|Ste|av|bd|tél|ex|cf|n°|No|Mr|Mrs|Ms)\.$",
    re.IGNORECASE,
)


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences, punctuation kept, so the first can play early."""
    pieces = [p.strip() for p in _SENTENCE_END.split(text)]
    sentences: list[str] = []
    carry = ""
    for piece in pieces:
        if not piece:
            continue
        piece = f"{carry} {piece}" if carry else piece
        if _ABBREVIATION.search(piece):
            carry = piece
            continue
        carry = ""
        sentences.append(piece)
    if carry:
        sentences.append(carry)
    return sentences


@dataclass(frozen=True)
class _Utterance:
    generation: int
    parts: tuple[Part, ...]

    @property
    def size(self) -> int:
        return sum(len(text) for text, _ in self.parts)


class ThreadedSpeaker:
    """The real `Speaker`: one daemon worker thread synthesises, caches and plays.

    The worker owns the synthesizer (pyttsx3 engines are bound to a thread). Each `say` and
    `stop` bumps a generation number; the worker drops any sentence of an older generation,
    and the player is stopped so the current sentence ends at once. An utterance of several
    parts (`say_parts`) is one generation: the next speech cuts all of its parts.

    ``on_audio`` is called with ``time.perf_counter()`` when the first sentence of an
    utterance is handed to the player; the latency benchmark hooks in there.

    ``fixed(sentence, language)`` tells which sentences are the kiosk's own fixed texts: only
    their audio is written to the disk cache. Without it nothing goes to disk; everything else
    stays in memory until `forget_private`.
    """

    def __init__(
        self,
        synthesizer: Synthesizer,
        player: Player,
        cache: PhraseCache | None,
        rate: int,
        default_volume: int,
        on_audio: Callable[[float], None] | None = None,
        problems: Sequence[str] = (),
        fixed: Callable[[str, str], bool] | None = None,
    ) -> None:
        self._synth = synthesizer
        self._fixed = fixed
        self._session = 0  # bumped by forget_private: audio synthesised before is not kept
        self._player = player
        self._cache = cache
        self._rate = rate
        self._default_volume = clamp_volume(default_volume)
        self._volume = self._default_volume
        self.on_audio = on_audio
        self._lock = threading.Lock()
        self._generation = 0
        self._last: tuple[Part, ...] = ()
        self._problems: list[str] = list(dict.fromkeys(problems))
        self._queue: queue.Queue[_Utterance | None] = queue.Queue()
        self._ready = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="kiosk-speech", daemon=True)
        self._thread.start()

    # -- caller side -------------------------------------------------------------------

    def say(self, text: str, language: str) -> None:
        self.say_parts([(text, language)])

    def say_parts(self, parts: Sequence[Part]) -> None:
        said = spoken_parts(parts)
        with self._lock:
            if self._closed:
                return
            self._generation += 1
            # A blank text only silences: keeping the previous text lets "repeat" still work.
            if said:
                self._last = said
                self._idle.clear()
                self._queue.put(_Utterance(self._generation, said))
        self._player.stop()

    def stop(self) -> None:
        with self._lock:
            self._generation += 1
        self._player.stop()

    def repeat(self) -> None:
        last = self.last_parts
        if last:
            self.say_parts(last)

    @property
    def last(self) -> tuple[str, str] | None:
        return summary_of(self.last_parts)

    @property
    def last_parts(self) -> tuple[Part, ...]:
        with self._lock:
            return self._last

    @property
    def volume(self) -> int:
        with self._lock:
            return self._volume

    def set_volume(self, step: int) -> None:
        with self._lock:
            self._volume = clamp_volume(step)

    def volume_up(self) -> int:
        with self._lock:
            self._volume = clamp_volume(self._volume + 1)
            return self._volume

    def volume_down(self) -> int:
        with self._lock:
            self._volume = clamp_volume(self._volume - 1)
            return self._volume

    def reset_volume(self) -> None:
        self.set_volume(self._default_volume)

    def configure(self, rate: int, default_volume: int) -> None:
        with self._lock:
            self._rate = rate  # phrases cached at the old rate are simply other cache keys
            self._default_volume = clamp_volume(default_volume)

    def problems(self) -> list[str]:
        try:
            found = self._synth.voice_problems()
        except Exception:
            log.exception("speech: voice problems could not be read")
            found = []
        with self._lock:
            return list(dict.fromkeys([*self._problems, *found]))

    def forget_private(self) -> None:
        with self._lock:
            self._generation += 1
            self._session += 1
            self._last = ()
            # Under the lock the worker also holds to store private audio: a sentence being
            # synthesised right now cannot slip into the cache after this.
            if self._cache is not None:
                self._cache.forget_private()
        self._player.stop()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._generation += 1
            self._queue.put(None)
        self._player.stop()
        self._thread.join(timeout=5)

    def wait_ready(self, timeout: float) -> bool:
        """Wait until the worker has prepared the synthesizer (voices chosen, problems known)."""
        return self._ready.wait(timeout)

    def wait_idle(self, timeout: float) -> bool:
        """Wait until everything asked so far has been said or dropped."""
        return self._idle.wait(timeout)

    # -- worker side -------------------------------------------------------------------

    def _add_problem(self, problem: str) -> None:
        with self._lock:
            # Bounded: a kiosk failing the same way all day must not grow without end.
            if problem not in self._problems and len(self._problems) < _MAX_PROBLEMS:
                self._problems.append(problem)

    def _current(self, generation: int) -> bool:
        with self._lock:
            return generation == self._generation and not self._closed

    def _run(self) -> None:
        prepare = getattr(self._synth, "prepare", None)
        try:
            if callable(prepare):
                prepare()
        except Exception as exc:
            log.exception("speech: the synthesizer could not be prepared")
            self._add_problem(f"speech is unavailable: {exc}")
        finally:
            self._ready.set()
        while True:
            item = self._queue.get()
            if item is None:
                return
            try:
                self._speak(item)
            except Exception as exc:
                # The worker must outlive any failure: the next say() still has to work.
                # Never the text itself: it can be what a person typed (no personal data in logs).
                log.exception("speech: could not say a %d-character text", item.size)
                self._add_problem(f"speech failed: {exc}")
            finally:
                with self._lock:
                    if self._queue.empty():
                        self._idle.set()

    def _speak(self, item: _Utterance) -> None:
        first = True
        sentences = [
            (sentence, language)
            for text, language in item.parts
            for sentence in split_sentences(text)
        ]
        for sentence, language in sentences:
            if not self._current(item.generation):
                return
            step = self.volume
            if step == 0:
                continue
            wav = self._wav(sentence, language)
            wav = scale_volume(wav, step / MAX_VOLUME)
            if not self._current(item.generation):
                return
            if first:
                first = False
                self._notify_audio()
            self._player.play(wav)

    def _wav(self, sentence: str, language: str) -> bytes:
        cache = self._cache
        if cache is None:
            return self._synth.synthesize(sentence, language, self._rate)
        cached = cache.get(language, self._rate, sentence)
        if cached is not None:
            return cached
        with self._lock:
            session = self._session
        wav = self._synth.synthesize(sentence, language, self._rate)
        if self._is_fixed(sentence, language):
            cache.put(language, self._rate, sentence, wav)
        else:
            with self._lock:
                if session == self._session:  # the person is still there
                    cache.put(language, self._rate, sentence, wav, private=True)
        return wav

    def _is_fixed(self, sentence: str, language: str) -> bool:
        if self._fixed is None:
            return False
        try:
            return self._fixed(sentence, language)
        except Exception:  # when in doubt, the audio stays off the disk
            log.exception("speech: could not tell a fixed text")
            return False

    def _notify_audio(self) -> None:
        hook = self.on_audio
        if hook is None:
            return
        try:
            hook(time.perf_counter())
        except Exception:
            log.exception("speech: the on_audio observer failed")
