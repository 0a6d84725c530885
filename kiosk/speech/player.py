"""Playing WAV bytes, interruptibly, through whatever the machine offers."""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import wave
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from kiosk.speech.errors import SpeechError

log = logging.getLogger(__name__)

PLAYER_NAMES = ("auto", "aplay", "winsound", "none")


class Player(Protocol):
    """Plays one WAV at a time.

    ``play`` blocks until the sound is over or stopped, so it belongs on a worker thread;
    ``stop`` may be called from any thread and returns at once. ``available`` is None when
    sound can be played, else a sentence saying why not.
    """

    def play(self, wav: bytes) -> None: ...

    def stop(self) -> None: ...

    def available(self) -> str | None: ...


def wav_duration(wav: bytes) -> float:
    """Length of a WAV in seconds, from its header and actual data."""
    with wave.open(io.BytesIO(wav), "rb") as r:
        frames = len(r.readframes(r.getnframes())) // (r.getsampwidth() * r.getnchannels())
        return frames / r.getframerate()


def scale_volume(wav: bytes, factor: float) -> bytes:
    """The WAV with every 16-bit sample multiplied by ``factor``, clamped to the 16-bit range.

    The synthesiser always speaks at full level; volume steps are applied here so that the
    cache holds one copy per phrase whatever the volume.
    """
    if factor == 1.0:
        return wav
    if factor < 0:
        raise ValueError(f"volume factor must not be negative, got {factor}")
    try:
        with wave.open(io.BytesIO(wav), "rb") as r:
            params = r.getparams()
            frames = r.readframes(r.getnframes())
    except (wave.Error, EOFError) as exc:
        raise SpeechError(f"not a WAV sound: {exc}") from exc
    if params.sampwidth != 2:
        raise SpeechError(f"only 16-bit sound can be scaled, got {8 * params.sampwidth}-bit")
    samples = array("h")
    samples.frombytes(frames[: len(frames) // 2 * 2])
    if sys.byteorder == "big":  # WAV data is little-endian
        samples.byteswap()
    if factor == 0:
        scaled = array("h", bytes(2 * len(samples)))
    elif factor < 1:
        # |s * factor| < 32768 here, so no clamping is needed on the common path.
        scaled = array("h", [int(s * factor) for s in samples])
    else:
        scaled = array("h", [max(-32768, min(32767, round(s * factor))) for s in samples])
    if sys.byteorder == "big":
        scaled.byteswap()
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(params.nchannels)
        w.setsampwidth(2)
        w.setframerate(params.framerate)
        w.writeframes(scaled.tobytes())
    return out.getvalue()


class NullPlayer:
    """Plays nothing, at once: for machines without sound and for speech switched off."""

    def __init__(self) -> None:
        self.played = 0
        self.stops = 0

    def play(self, wav: bytes) -> None:
        self.played += 1

    def stop(self) -> None:
        self.stops += 1

    def available(self) -> str | None:
        return None


class AplayPlayer:
    """ALSA's ``aplay`` fed the WAV on stdin; `stop` kills the process.

    ``command`` is the whole command line and must read a WAV from stdin; tests replace it
    to run without a sound card.
    """

    def __init__(
        self,
        command: Sequence[str] = ("aplay", "-q", "-"),
        list_command: Sequence[str] | None = ("aplay", "-l"),
    ) -> None:
        if not command:
            raise ValueError("the player command is empty")
        self._command = list(command)
        self._list_command = list(list_command) if list_command else None
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._killed: subprocess.Popen[bytes] | None = None

    @property
    def playing(self) -> bool:
        with self._lock:
            return self._proc is not None

    def available(self) -> str | None:
        program = self._command[0]
        if shutil.which(program) is None:
            return f"no audio player: {program} is not installed"
        if self._list_command is None:
            return None
        try:
            listed = subprocess.run(
                self._list_command, capture_output=True, text=True, timeout=10, check=False
            )
        except (OSError, subprocess.SubprocessError) as exc:
            return f"audio devices could not be listed: {exc}"
        if not re.search(r"^card \d+:", listed.stdout, re.MULTILINE):
            return "no audio output device: aplay -l lists none"
        return None

    def play(self, wav: bytes) -> None:
        with self._lock:
            try:
                proc = subprocess.Popen(
                    self._command,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
            except OSError as exc:
                raise SpeechError(
                    f"audio player {self._command[0]} could not start: {exc}"
                ) from exc
            self._proc = proc
        try:
            # communicate() tolerates the player dying mid-write (BrokenPipe) after a stop.
            _, err = proc.communicate(wav)
        finally:
            with self._lock:
                killed = self._killed is proc
                self._proc = None
                self._killed = None
        if proc.returncode != 0 and not killed:
            detail = err.decode("utf-8", errors="replace").strip()[:300]
            raise SpeechError(
                f"audio player {self._command[0]} failed (exit {proc.returncode}): {detail}"
            )

    def stop(self) -> None:
        with self._lock:
            proc = self._proc
            if proc is None:
                return
            self._killed = proc
            with contextlib.suppress(OSError):
                proc.kill()


class WinsoundPlayer:
    """Windows' built-in ``winsound``: asynchronous play from a temporary file.

    ``PlaySound`` cannot play from memory asynchronously, and only asynchronous play can be
    interrupted, hence the file. ``module`` replaces ``winsound`` in tests.
    """

    def __init__(self, module: Any = None) -> None:
        self._module: Any = module
        self._stopped = threading.Event()
        self._dir: Path | None = None

    def _winsound(self) -> Any:
        if self._module is None:
            self._module = importlib.import_module("winsound")
        return self._module

    def available(self) -> str | None:
        if self._module is None and sys.platform != "win32":
            return "winsound exists only on Windows"
        try:
            self._winsound()
        except ImportError as exc:
            return f"winsound cannot be loaded: {exc}"
        return None

    def play(self, wav: bytes) -> None:
        try:
            ws = self._winsound()
        except ImportError as exc:
            raise SpeechError(f"winsound cannot be loaded: {exc}") from exc
        duration = wav_duration(wav)
        self._stopped.clear()
        if self._dir is None:
            self._dir = Path(tempfile.mkdtemp(prefix="kiosk-sound-"))
        for old in self._dir.glob("*.wav"):
            # Windows keeps a file locked while it plays; earlier ones are free by now.
            with contextlib.suppress(OSError):
                old.unlink()
        with tempfile.NamedTemporaryFile(suffix=".wav", dir=self._dir, delete=False) as f:
            f.write(wav)
            path = f.name
        try:
            ws.PlaySound(path, ws.SND_FILENAME | ws.SND_ASYNC)
        except RuntimeError as exc:
            raise SpeechError(f"winsound could not play: {exc}") from exc
        # A small margin so the tail of the sound is not cut by the next sentence.
        if self._stopped.wait(duration + 0.05):
            ws.PlaySound(None, 0)

    def stop(self) -> None:
        self._stopped.set()
        if self._module is not None:
            with contextlib.suppress(RuntimeError):
                self._module.PlaySound(None, 0)


def make_player(
    name: str,
    platform: str = sys.platform,
    which: Callable[[str], str | None] = shutil.which,
) -> Player:
    """The player called ``name`` (auto, aplay, winsound, none).

    "auto" is winsound on Windows, aplay on Linux when installed, else a `NullPlayer`.
    """
    if name == "none":
        return NullPlayer()
    if name == "aplay":
        return AplayPlayer()
    if name == "winsound":
        return WinsoundPlayer()
    if name == "auto":
        if platform == "win32":
            return WinsoundPlayer()
        if platform.startswith("linux") and which("aplay") is not None:
            return AplayPlayer()
        return NullPlayer()
    raise ValueError(f"unknown player {name!r}: expected one of {', '.join(PLAYER_NAMES)}")
