"""Players (aplay, winsound, null), the player factory and volume scaling of WAV bytes."""

from __future__ import annotations

import io
import shutil
import sys
import threading
import time
import wave
from array import array
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.speech import (
    AplayPlayer,
    NullPlayer,
    SpeechError,
    WinsoundPlayer,
    make_player,
    scale_volume,
    wav_duration,
)

TIMEOUT = 5.0


def make_wav(samples: list[int], rate: int = 8000, width: int = 2) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(width)
        w.setframerate(rate)
        if width == 2:
            w.writeframes(array("h", samples).tobytes())
        else:
            w.writeframes(bytes(samples))
    return out.getvalue()


def read_samples(wav: bytes) -> tuple[list[int], tuple[int, int, int, int]]:
    """Samples, and (channels, sample width, frame rate, frames) from the header."""
    with wave.open(io.BytesIO(wav), "rb") as r:
        data = array("h")
        data.frombytes(r.readframes(r.getnframes()))
        header = (r.getnchannels(), r.getsampwidth(), r.getframerate(), r.getnframes())
        return list(data), header


def wait_for(condition: Callable[[], bool], timeout: float = TIMEOUT) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.002)
    return bool(condition())


# -- scale_volume -------------------------------------------------------------------------

SAMPLES = [0, 1000, -1000, 20001, -20001, 32767, -32768]


def test_full_volume_returns_the_very_same_bytes() -> None:
    wav = make_wav(SAMPLES)
    assert scale_volume(wav, 1.0) is wav


def test_half_volume_halves_every_sample_and_keeps_the_format() -> None:
    scaled, header = read_samples(scale_volume(make_wav(SAMPLES, rate=22050), 0.5))
    assert scaled == [0, 500, -500, 10000, -10000, 16383, -16384]
    assert header == (1, 2, 22050, len(SAMPLES))


def test_amplifying_clamps_to_the_16_bit_range() -> None:
    scaled, _ = read_samples(scale_volume(make_wav(SAMPLES), 2.0))
    assert scaled == [0, 2000, -2000, 32767, -32768, 32767, -32768]


def test_zero_volume_is_silence_of_the_same_length() -> None:
    scaled, _ = read_samples(scale_volume(make_wav(SAMPLES), 0.0))
    assert scaled == [0] * len(SAMPLES)


def test_scaling_refuses_what_it_cannot_scale() -> None:
    with pytest.raises(SpeechError):
        scale_volume(make_wav([1, 2, 3], width=1), 0.5)
    with pytest.raises(SpeechError):
        scale_volume(b"not a wav at all", 0.5)
    with pytest.raises(ValueError):
        scale_volume(make_wav(SAMPLES), -0.5)


def test_wav_duration_counts_frames() -> None:
    assert wav_duration(make_wav([0] * 4000, rate=8000)) == pytest.approx(0.5)


# -- NullPlayer and make_player -------------------------------------------------------------


def test_null_player_returns_at_once_and_is_always_available() -> None:
    player = NullPlayer()
    player.play(make_wav([0] * 8000 * 60))  # a minute of sound, played in no time
    player.stop()
    assert (player.played, player.stops, player.available()) == (1, 1, None)


def test_make_player_by_name() -> None:
    assert isinstance(make_player("none"), NullPlayer)
    assert isinstance(make_player("aplay"), AplayPlayer)
    assert isinstance(make_player("winsound"), WinsoundPlayer)
    with pytest.raises(ValueError, match="pulse"):
        make_player("pulse")


def test_auto_player_depends_on_the_platform() -> None:
    assert isinstance(make_player("auto", "win32", lambda _: None), WinsoundPlayer)
    assert isinstance(make_player("auto", "linux", lambda _: "/usr/bin/aplay"), AplayPlayer)
    assert isinstance(make_player("auto", "linux", lambda _: None), NullPlayer)
    assert isinstance(make_player("auto", "darwin", lambda _: "/usr/bin/aplay"), NullPlayer)


# -- AplayPlayer --------------------------------------------------------------------------


def test_stop_kills_a_long_playback_at_once() -> None:
    player = AplayPlayer(command=["sleep", "30"])
    errors: list[BaseException] = []

    def play() -> None:
        try:
            player.play(make_wav([0] * 100))
        except BaseException as exc:  # pragma: no cover - reported by the assert below
            errors.append(exc)

    worker = threading.Thread(target=play)
    started = time.monotonic()
    worker.start()
    assert wait_for(lambda: player.playing)
    player.stop()
    worker.join(TIMEOUT)
    assert not worker.is_alive()
    assert time.monotonic() - started < TIMEOUT
    assert errors == []  # a stopped playback is not a failure
    assert not player.playing


def test_stop_without_playback_is_harmless() -> None:
    AplayPlayer(command=["sleep", "30"]).stop()


@pytest.mark.skipif(shutil.which("sox") is None, reason="sox is not installed")
def test_the_wav_is_fed_on_stdin_to_the_end(tmp_path: Path) -> None:
    out = tmp_path / "copy.wav"
    wav = make_wav(SAMPLES * 1000)
    AplayPlayer(command=["sox", "-q", "-t", "wav", "-", str(out)]).play(wav)
    assert read_samples(out.read_bytes())[0] == SAMPLES * 1000


def test_a_failing_player_raises_a_speech_error() -> None:
    with pytest.raises(SpeechError, match="exit 3"):
        AplayPlayer(command=[sys.executable, "-c", "import sys; sys.exit(3)"]).play(b"x")
    with pytest.raises(SpeechError, match="could not start"):
        AplayPlayer(command=["/nonexistent/aplay"]).play(b"x")


def test_a_missing_player_program_is_a_problem() -> None:
    problem = AplayPlayer(command=["/nonexistent/aplay", "-"]).available()
    assert problem and "/nonexistent/aplay" in problem


def _machine_has_no_sound_card() -> bool:
    cards = Path("/proc/asound/cards")
    return not cards.exists() or "no soundcards" in cards.read_text()


@pytest.mark.skipif(shutil.which("aplay") is None, reason="aplay is not installed")
@pytest.mark.skipif(not _machine_has_no_sound_card(), reason="this machine has a sound card")
def test_no_sound_card_is_reported_as_a_problem() -> None:
    problem = AplayPlayer().available()
    assert isinstance(problem, str) and problem


def test_device_listing_decides_availability() -> None:
    listing = "**** List of PLAYBACK Hardware Devices ****\ncard 0: PCH [HDA Intel PCH]"
    ok = AplayPlayer(command=["sleep"], list_command=["echo", listing])
    none = AplayPlayer(command=["sleep"], list_command=["echo", "no soundcards found..."])
    assert ok.available() is None
    assert none.available()


# -- WinsoundPlayer (with a stand-in for the winsound module) -------------------------------


class FakeWinsound:
    SND_FILENAME = 0x20000
    SND_ASYNC = 0x1

    def __init__(self) -> None:
        self.calls: list[tuple[str | None, int, bytes]] = []

    def PlaySound(self, sound: str | None, flags: int) -> None:
        data = Path(sound).read_bytes() if sound else b""
        self.calls.append((sound, flags, data))


def test_winsound_plays_the_file_asynchronously_and_waits_for_its_end() -> None:
    ws = FakeWinsound()
    wav = make_wav([5] * 80, rate=8000)  # 10 ms
    WinsoundPlayer(module=ws).play(wav)
    ((_, flags, data),) = ws.calls
    assert flags == ws.SND_FILENAME | ws.SND_ASYNC
    assert data == wav


def test_winsound_stop_interrupts_a_long_sound() -> None:
    ws = FakeWinsound()
    player = WinsoundPlayer(module=ws)
    worker = threading.Thread(target=player.play, args=(make_wav([0] * 8000 * 30),))
    worker.start()
    assert wait_for(lambda: len(ws.calls) == 1)
    player.stop()
    worker.join(TIMEOUT)
    assert not worker.is_alive()
    assert (None, 0, b"") in ws.calls


@pytest.mark.skipif(sys.platform == "win32", reason="winsound exists there")
def test_winsound_is_a_problem_off_windows() -> None:
    assert WinsoundPlayer().available()
    assert WinsoundPlayer(module=FakeWinsound()).available() is None
