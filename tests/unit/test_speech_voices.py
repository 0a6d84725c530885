"""Voice choice, the pyttsx3 synthesizer with a stand-in engine, and real espeak-ng speech."""

from __future__ import annotations

import io
import math
import threading
import wave
from array import array
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from kiosk.speech import Pyttsx3Synthesizer, SpeechError, VoiceInfo, choose_voice
from kiosk.speech.voices import voice_info

# As pyttsx3's espeak-ng driver lists them (an mbrola voice included, listed before roa/fr).
ESPEAK = [
    VoiceInfo("gmw/en", "English (Great Britain)", ("en-gb",)),
    VoiceInfo("gmw/en-us", "English (America)", ("en-us",)),
    VoiceInfo("roa/fr-be", "French (Belgium)", ("fr-be",)),
    VoiceInfo("mb/mb-fr1", "French-mbrola-1", ("fr",)),
    VoiceInfo("roa/fr", "French (France)", ("fr-fr",)),
    VoiceInfo("sem/ar", "Arabic", ("ar",)),
    # As `espeak-ng --voices` lists them: Brazilian listed before European Portuguese, and a
    # Latin-letter Persian that must not read Dari written in Persian letters.
    VoiceInfo("roa/es-419", "Spanish (Latin America)", ("es-419", "es-mx", "es")),
    VoiceInfo("roa/es", "Spanish (Spain)", ("es",)),
    VoiceInfo("roa/pt-BR", "Portuguese (Brazil)", ("pt-br", "pt")),
    VoiceInfo("roa/pt", "Portuguese (Portugal)", ("pt", "pt-pt")),
    VoiceInfo("roa/ro", "Romanian", ("ro",)),
    VoiceInfo("zle/uk", "Ukrainian", ("uk",)),
    VoiceInfo("trk/tr", "Turkish", ("tr",)),
    VoiceInfo("ira/fa-Latn", "Persian (Pinglish)", ("fa-latn",)),
    VoiceInfo("ira/fa", "Persian", ("fa",)),
]


@pytest.mark.parametrize(
    ("language", "voice"),
    [
        ("fr", "roa/fr"),
        ("en", "gmw/en"),
        ("ar", "sem/ar"),
        ("es", "roa/es"),
        ("pt", "roa/pt"),
        ("ro", "roa/ro"),
        ("uk", "zle/uk"),
        ("tr", "trk/tr"),
        ("fa", "ira/fa"),
    ],
)
def test_exact_match_wins_and_mbrola_comes_last(language: str, voice: str) -> None:
    assert choose_voice(ESPEAK, language).voice_id == voice
    assert choose_voice(ESPEAK, language).problem is None


def test_a_regional_voice_serves_when_no_exact_one_exists() -> None:
    voices = [v for v in ESPEAK if v.id not in ("roa/fr", "mb/mb-fr1")]
    assert choose_voice(voices, "fr").voice_id == "roa/fr-be"


def test_an_mbrola_voice_is_taken_only_when_nothing_else_fits() -> None:
    voices = [v for v in ESPEAK if not v.id.startswith("roa/")]
    assert choose_voice(voices, "fr").voice_id == "mb/mb-fr1"


def test_no_voice_falls_back_to_the_default_with_a_problem() -> None:
    choice = choose_voice([v for v in ESPEAK if v.id != "sem/ar"], "ar")
    assert choice.voice_id is None
    assert choice.problem == "no speech voice for ar; using the default voice"


def test_windows_and_mac_style_voices_are_understood() -> None:
    sapi = [
        VoiceInfo(r"HKEY\Tokens\TTS_MS_EN-US_ZIRA_11.0", "Microsoft Zira Desktop", ("en_US",)),
        VoiceInfo(r"HKEY\Tokens\TTS_MS_FR-FR_HORTENSE_11.0", "Microsoft Hortense - French", ()),
    ]
    assert choose_voice(sapi, "en").voice_id == sapi[0].id
    assert choose_voice(sapi, "fr").voice_id == sapi[1].id  # by its name only
    assert choose_voice(sapi, "ar").voice_id is None


def test_driver_voice_objects_are_normalised() -> None:
    old_espeak = SimpleNamespace(id="french", name="French", languages=[b"\x05fr"])
    assert voice_info(old_espeak) == VoiceInfo("french", "French", ("fr",))
    nsss = SimpleNamespace(id="com.apple.voice.Thomas", name="Thomas", languages=["fr_FR"])
    assert voice_info(nsss).languages == ("fr-fr",)
    bare = SimpleNamespace(id="x", name=None, languages=None)
    assert voice_info(bare) == VoiceInfo("x", "", ())


# -- Pyttsx3Synthesizer with a stand-in engine ----------------------------------------------


def tiny_wav(samples: int = 100) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(array("h", [1000] * samples).tobytes())
    return out.getvalue()


class FakeEngine:
    """Mimics pyttsx3: properties, save_to_file queued, the file written by runAndWait."""

    def __init__(self, voices: list[Any], empty_results: int = 0) -> None:
        self.voices = voices
        self.properties: list[tuple[str, object]] = []
        self.pending: tuple[str, str] | None = None
        self.spoken: list[str] = []
        self.empty_results = empty_results

    def getProperty(self, name: str) -> object:
        assert name == "voices"
        return self.voices

    def setProperty(self, name: str, value: object) -> None:
        self.properties.append((name, value))

    def save_to_file(self, text: str, filename: str) -> None:
        self.pending = (text, filename)

    def runAndWait(self) -> None:
        assert self.pending is not None
        text, filename = self.pending
        self.pending = None
        print("Audio saved to", filename)  # as the espeak driver does
        if self.empty_results:
            self.empty_results -= 1
            Path(filename).write_bytes(b"")
            return
        self.spoken.append(text)
        Path(filename).write_bytes(tiny_wav())


def espeak_like_voices() -> list[Any]:
    return [SimpleNamespace(id=v.id, name=v.name, languages=list(v.languages)) for v in ESPEAK]


def test_synthesizer_sets_voice_and_rate_and_returns_the_wav(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = FakeEngine(espeak_like_voices())
    synth = Pyttsx3Synthesizer(engine_factory=lambda: engine, temp_dir=tmp_path)
    assert synth.synthesize("Bonjour", "fr", 140) == tiny_wav()
    assert synth.synthesize("Encore", "fr", 140) == tiny_wav()
    assert synth.synthesize("Hello", "en", 140) == tiny_wav()
    assert engine.properties == [
        ("voice", "roa/fr"),
        ("rate", 140),
        ("voice", "gmw/en"),
        ("rate", 140),
    ]
    assert engine.spoken == ["Bonjour", "Encore", "Hello"]
    assert list(tmp_path.iterdir()) == []  # temporary files are removed
    assert "Audio saved" not in capsys.readouterr().out
    assert synth.voice_problems() == []


def test_missing_voices_are_reported_once_the_engine_starts() -> None:
    voices = [v for v in espeak_like_voices() if v.id != "sem/ar"]
    synth = Pyttsx3Synthesizer(engine_factory=lambda: FakeEngine(voices))
    assert synth.voice_problems() == []  # nothing is known before the engine exists
    synth.prepare()
    assert synth.voice_problems() == ["no speech voice for ar; using the default voice"]
    assert synth.voice_for("ar") is None
    assert synth.voice_for("fr") == "roa/fr"


def test_an_engine_that_cannot_start_gives_a_clear_speech_error() -> None:
    def broken() -> Any:
        raise OSError("libespeak-ng.so.1: cannot open shared object file")

    synth = Pyttsx3Synthesizer(engine_factory=broken)
    with pytest.raises(SpeechError, match=r"speech engine could not start.*libespeak-ng"):
        synth.synthesize("Bonjour", "fr", 150)


def test_the_engine_stays_on_the_thread_that_created_it() -> None:
    synth = Pyttsx3Synthesizer(engine_factory=lambda: FakeEngine(espeak_like_voices()))
    synth.prepare()
    errors: list[Exception] = []

    def elsewhere() -> None:
        try:
            synth.synthesize("Bonjour", "fr", 150)
        except SpeechError as exc:
            errors.append(exc)

    worker = threading.Thread(target=elsewhere)
    worker.start()
    worker.join(5)
    assert len(errors) == 1 and "second thread" in str(errors[0])


def test_one_empty_result_is_retried_two_are_an_error() -> None:
    once = FakeEngine(espeak_like_voices(), empty_results=1)
    assert Pyttsx3Synthesizer(engine_factory=lambda: once).synthesize("a", "fr", 150)
    twice = FakeEngine(espeak_like_voices(), empty_results=2)
    with pytest.raises(SpeechError, match="no audio"):
        Pyttsx3Synthesizer(engine_factory=lambda: twice).synthesize("a", "fr", 150)


def test_empty_text_is_refused() -> None:
    synth = Pyttsx3Synthesizer(engine_factory=lambda: FakeEngine(espeak_like_voices()))
    with pytest.raises(SpeechError, match="empty"):
        synth.synthesize("  ", "fr", 150)


# -- real espeak-ng ---------------------------------------------------------------------


def check_speech(wav: bytes) -> None:
    with wave.open(io.BytesIO(wav), "rb") as r:
        assert r.getsampwidth() == 2
        assert r.getnchannels() == 1
        frames = r.readframes(r.getnframes())
        duration = r.getnframes() / r.getframerate()
    assert 0.5 <= duration <= 10
    samples = array("h")
    samples.frombytes(frames)
    rms = math.sqrt(sum(s * s for s in samples) / len(samples))
    assert rms > 300, f"RMS {rms:.0f}: this is silence, not speech"


@pytest.fixture(scope="module")
def real_synth() -> Pyttsx3Synthesizer:
    return Pyttsx3Synthesizer()


@pytest.mark.espeak
def test_real_french_speech(real_synth: Pyttsx3Synthesizer) -> None:
    check_speech(real_synth.synthesize("Bonjour, touchez votre langue.", "fr", 150))
    assert real_synth.voice_for("fr") is not None
    assert not [p for p in real_synth.voice_problems() if " fr;" in p]


@pytest.mark.espeak
def test_real_arabic_speech(real_synth: Pyttsx3Synthesizer) -> None:
    if real_synth.voice_for("ar") is None:
        pytest.skip("no Arabic espeak-ng voice installed")
    check_speech(real_synth.synthesize("مرحبا", "ar", 150))


@pytest.mark.espeak
def test_real_rate_and_voice_changes_apply_to_the_very_next_phrase(
    real_synth: Pyttsx3Synthesizer,
) -> None:
    """espeak-ng applies property changes asynchronously; alternating them used to give
    phrases at the previous phrase's rate (see `_espeak_settler`)."""

    def seconds(language: str, rate: int) -> float:
        wav = real_synth.synthesize("Bonjour madame.", language, rate)
        with wave.open(io.BytesIO(wav)) as r:
            return r.getnframes() / r.getframerate()

    runs = [(seconds("fr", 90), seconds("fr", 250), seconds("en", 250)) for _ in range(8)]
    slow, fast, english = zip(*runs, strict=True)
    assert min(slow) > 1.5 * max(fast), runs
    assert max(slow) - min(slow) < 0.1 and max(fast) - min(fast) < 0.1, runs
    assert max(english) - min(english) < 0.1, runs
