"""The Speaker service: interruption, repeat, volume steps, failures; sentence splitting."""

from __future__ import annotations

import io
import math
import threading
import time
import wave
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.i18n import _
from kiosk.speech import (
    MAX_VOLUME,
    NullPlayer,
    PhraseCache,
    RecordingSpeaker,
    SilentSpeaker,
    Speaker,
    SpeechError,
    ThreadedSpeaker,
    make_speaker,
    split_sentences,
)

TIMEOUT = 5.0
AMPLITUDE = 10000
MARK = 50  # leading samples at AMPLITUDE; the text's code points follow


def wait_for(condition: Callable[[], bool], timeout: float = TIMEOUT) -> bool:
    """Poll ``condition`` until true or ``timeout``: bounded, never a fixed sleep."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.002)
    return condition()


def fake_wav(text: str) -> bytes:
    samples = array("h", [AMPLITUDE] * MARK + [ord(c) % 30000 for c in text])
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(samples.tobytes())
    return out.getvalue()


def samples_of(wav: bytes) -> array[int]:
    with wave.open(io.BytesIO(wav), "rb") as r:
        data = array("h")
        data.frombytes(r.readframes(r.getnframes()))
    return data


def text_of(wav: bytes) -> str:
    """The text a full-volume fake WAV was made from."""
    return "".join(chr(s) for s in samples_of(wav)[MARK:])


class FakeSynth:
    """Deterministic WAVs; can hold a text until released, or fail on some texts."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, int]] = []
        self.threads: set[int] = set()
        self.hold: dict[str, threading.Event] = {}
        self.fail: set[str] = set()
        self.prepared = 0

    def prepare(self) -> None:
        self.prepared += 1

    def synthesize(self, text: str, language: str, rate: int) -> bytes:
        self.threads.add(threading.get_ident())
        self.calls.append((text, language, rate))
        gate = self.hold.get(text)
        if gate is not None:
            assert gate.wait(TIMEOUT)
        if text in self.fail:
            raise SpeechError(f"cannot say {text}")
        return fake_wav(text)

    def voice_problems(self) -> list[str]:
        return ["no speech voice for ar; using the default voice"]

    @property
    def texts(self) -> list[str]:
        return [t for t, _, _ in self.calls]


class FakePlayer:
    """Records what it is given; texts in ``block`` play until stopped (bounded)."""

    def __init__(self) -> None:
        self.played: list[bytes] = []
        self.stops = 0
        self.block: set[str] = set()
        self.fail = False
        self._stopped = threading.Event()
        self.lock = threading.Lock()

    def play(self, wav: bytes) -> None:
        with self.lock:
            self._stopped.clear()
            self.played.append(wav)
        if self.fail:
            raise SpeechError("the sound card went away")
        if text_of(wav) in self.block:
            assert self._stopped.wait(TIMEOUT), "play was never stopped"

    def stop(self) -> None:
        with self.lock:
            self.stops += 1
            self._stopped.set()

    def available(self) -> str | None:
        return None

    @property
    def texts(self) -> list[str]:
        with self.lock:
            return [text_of(w) for w in self.played]


@pytest.fixture
def synth() -> FakeSynth:
    return FakeSynth()


@pytest.fixture
def player() -> FakePlayer:
    return FakePlayer()


@pytest.fixture
def speaker(synth: FakeSynth, player: FakePlayer) -> Iterator[ThreadedSpeaker]:
    s = ThreadedSpeaker(synth, player, None, rate=150, default_volume=MAX_VOLUME)
    assert s.wait_ready(TIMEOUT)
    yield s
    s.close()


# -- sentence splitting -------------------------------------------------------------------


def test_french_text_splits_into_sentences_keeping_punctuation() -> None:
    text = "Bonjour ! Touchez votre langue. Voulez-vous un CV ? Merci… À bientôt"
    assert split_sentences(text) == [
        "Bonjour !",
        "Touchez votre langue.",
        "Voulez-vous un CV ?",
        "Merci…",
        "À bientôt",
    ]


def test_arabic_text_splits_on_arabic_question_mark() -> None:
    text = "مرحبا. كيف يمكنني مساعدتك؟ اختر لغتك!"
    assert split_sentences(text) == ["مرحبا.", "كيف يمكنني مساعدتك؟", "اختر لغتك!"]


def test_line_breaks_split_and_numbers_urls_abbreviations_do_not() -> None:
    text = "Agence de Lyon\nM. Dupont vous reçoit à 9.30 sur www.francetravail.fr. Fin"
    assert split_sentences(text) == [
        "Agence de Lyon",
        "M. Dupont vous reçoit à 9.30 sur www.francetravail.fr.",
        "Fin",
    ]


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_blank_text_has_no_sentence(text: str) -> None:
    assert split_sentences(text) == []


@given(st.text(alphabet=st.sampled_from("ab é.!?؟…\n M"), max_size=60))
def test_splitting_loses_and_adds_no_word(text: str) -> None:
    sentences = split_sentences(text)
    assert " ".join(sentences).split() == text.split()
    assert all(s and s == s.strip() for s in sentences)


# -- ThreadedSpeaker --------------------------------------------------------------------


def test_say_plays_each_sentence_on_the_worker_thread(
    speaker: ThreadedSpeaker, synth: FakeSynth, player: FakePlayer
) -> None:
    speaker.say("Un. Deux !", "fr")
    assert speaker.wait_idle(TIMEOUT)
    assert player.texts == ["Un.", "Deux !"]
    assert synth.calls == [("Un.", "fr", 150), ("Deux !", "fr", 150)]
    assert synth.threads and threading.get_ident() not in synth.threads
    assert synth.prepared == 1
    assert speaker.last == ("Un. Deux !", "fr")


def test_new_say_stops_playback_and_drops_the_rest_of_the_old_text(
    speaker: ThreadedSpeaker, synth: FakeSynth, player: FakePlayer
) -> None:
    player.block.add("Un.")
    speaker.say("Un. Deux. Trois.", "fr")
    assert wait_for(lambda: player.texts == ["Un."])
    speaker.say("Autre.", "en")
    assert speaker.wait_idle(TIMEOUT)
    assert player.texts == ["Un.", "Autre."]
    assert player.stops >= 1
    assert "Deux." not in synth.texts and "Trois." not in synth.texts
    assert speaker.last == ("Autre.", "en")


def test_sentence_being_synthesised_when_interrupted_is_not_played(
    speaker: ThreadedSpeaker, synth: FakeSynth, player: FakePlayer
) -> None:
    gate = threading.Event()
    synth.hold["Lent."] = gate
    speaker.say("Lent.", "fr")
    assert wait_for(lambda: synth.texts == ["Lent."])
    speaker.say("Vite.", "fr")
    gate.set()
    assert speaker.wait_idle(TIMEOUT)
    assert player.texts == ["Vite."]


def test_stop_silences_now_and_forgets_the_queue(
    speaker: ThreadedSpeaker, synth: FakeSynth, player: FakePlayer
) -> None:
    player.block.add("Un.")
    speaker.say("Un. Deux.", "fr")
    assert wait_for(lambda: player.texts == ["Un."])
    speaker.stop()
    assert speaker.wait_idle(TIMEOUT)
    assert player.texts == ["Un."]
    assert synth.texts == ["Un."]
    assert player.stops >= 1
    assert speaker.last == ("Un. Deux.", "fr")


def test_repeat_says_the_last_text_again_in_its_language(
    speaker: ThreadedSpeaker, player: FakePlayer
) -> None:
    speaker.repeat()  # nothing said yet: nothing to repeat
    speaker.say("Bonjour.", "fr")
    speaker.say("مرحبا.", "ar")
    assert speaker.wait_idle(TIMEOUT)
    played_before = len(player.texts)
    speaker.repeat()
    assert speaker.wait_idle(TIMEOUT)
    assert player.texts[played_before:] == ["مرحبا."]
    assert speaker.last == ("مرحبا.", "ar")


def test_volume_steps_clamp_and_reset_to_the_default(synth: FakeSynth, player: FakePlayer) -> None:
    s = ThreadedSpeaker(synth, player, None, rate=150, default_volume=3)
    try:
        assert s.volume == 3
        assert s.volume_up() == 4
        assert s.volume_up() == 5
        assert s.volume_up() == MAX_VOLUME
        s.set_volume(-4)
        assert s.volume == 0
        assert s.volume_down() == 0
        s.set_volume(99)
        assert s.volume == MAX_VOLUME
        s.reset_volume()
        assert s.volume == 3
    finally:
        s.close()


@pytest.mark.parametrize("step", [1, 3, 5])
def test_volume_step_scales_the_sound_linearly(
    synth: FakeSynth, player: FakePlayer, step: int
) -> None:
    s = ThreadedSpeaker(synth, player, None, rate=150, default_volume=step)
    try:
        s.say("Son.", "fr")
        assert s.wait_idle(TIMEOUT)
    finally:
        s.close()
    (wav,) = player.played
    assert samples_of(wav)[0] == AMPLITUDE * step // MAX_VOLUME


def test_volume_zero_plays_and_synthesises_nothing(
    speaker: ThreadedSpeaker, synth: FakeSynth, player: FakePlayer
) -> None:
    speaker.set_volume(0)
    speaker.say("Silence. Encore.", "fr")
    assert speaker.wait_idle(TIMEOUT)
    assert player.played == []
    assert synth.calls == []
    assert speaker.last == ("Silence. Encore.", "fr")


def test_synthesis_failure_becomes_a_problem_and_the_worker_survives(
    speaker: ThreadedSpeaker, synth: FakeSynth, player: FakePlayer
) -> None:
    synth.fail.add("Boum.")
    speaker.say("Boum. Après.", "fr")
    assert speaker.wait_idle(TIMEOUT)
    assert any("Boum." in p for p in speaker.problems())
    speaker.say("Encore là.", "fr")
    assert speaker.wait_idle(TIMEOUT)
    assert player.texts == ["Encore là."]


def test_player_failure_becomes_a_problem(speaker: ThreadedSpeaker, player: FakePlayer) -> None:
    player.fail = True
    speaker.say("Un.", "fr")
    assert speaker.wait_idle(TIMEOUT)
    assert any("sound card" in p for p in speaker.problems())


def test_problems_include_voice_and_start_problems(synth: FakeSynth, player: FakePlayer) -> None:
    s = ThreadedSpeaker(synth, player, None, 150, 3, problems=["no audio output device"])
    try:
        assert s.problems() == [
            "no audio output device",
            "no speech voice for ar; using the default voice",
        ]
    finally:
        s.close()


def test_failing_prepare_is_reported_not_raised(player: FakePlayer) -> None:
    class Broken(FakeSynth):
        def prepare(self) -> None:
            raise SpeechError("espeak-ng missing")

    s = ThreadedSpeaker(Broken(), player, None, 150, 3)
    try:
        assert s.wait_ready(TIMEOUT)
        assert any("espeak-ng missing" in p for p in s.problems())
    finally:
        s.close()


def test_on_audio_reports_the_moment_of_the_first_sentence_only(
    synth: FakeSynth, player: FakePlayer
) -> None:
    moments: list[float] = []
    s = ThreadedSpeaker(synth, player, None, 150, 5, on_audio=moments.append)
    try:
        before = time.perf_counter()
        s.say("Un. Deux. Trois.", "fr")
        assert s.wait_idle(TIMEOUT)
        after = time.perf_counter()
    finally:
        s.close()
    assert len(moments) == 1
    assert before <= moments[0] <= after
    assert len(player.played) == 3


def test_a_failing_observer_does_not_stop_speech(synth: FakeSynth, player: FakePlayer) -> None:
    def explode(_: float) -> None:
        raise RuntimeError("observer bug")

    s = ThreadedSpeaker(synth, player, None, 150, 5, on_audio=explode)
    try:
        s.say("Un.", "fr")
        assert s.wait_idle(TIMEOUT)
    finally:
        s.close()
    assert player.texts == ["Un."]


def test_cache_spares_the_second_synthesis(
    tmp_path: Path, synth: FakeSynth, player: FakePlayer
) -> None:
    cache = PhraseCache(tmp_path / "cache", 1_000_000)
    s = ThreadedSpeaker(synth, player, cache, 150, 5)
    try:
        s.say("Bonjour.", "fr")
        assert s.wait_idle(TIMEOUT)
        s.say("Bonjour.", "fr")
        assert s.wait_idle(TIMEOUT)
        s.say("Bonjour.", "en")
        assert s.wait_idle(TIMEOUT)
    finally:
        s.close()
    assert synth.calls == [("Bonjour.", "fr", 150), ("Bonjour.", "en", 150)]
    assert player.texts == ["Bonjour."] * 3
    assert cache.get("fr", 150, "Bonjour.") == fake_wav("Bonjour.")


def test_close_ends_the_worker_and_later_calls_are_harmless(
    synth: FakeSynth, player: FakePlayer
) -> None:
    s = ThreadedSpeaker(synth, player, None, 150, 5)
    s.close()
    assert not s._thread.is_alive()
    s.say("Trop tard.", "fr")
    s.close()
    assert player.played == []


def test_blank_text_silences_but_keeps_the_last_text(
    speaker: ThreadedSpeaker, player: FakePlayer
) -> None:
    player.block.add("Long.")
    speaker.say("Long.", "fr")
    assert wait_for(lambda: player.texts == ["Long."])
    speaker.say("  ", "fr")
    assert speaker.wait_idle(TIMEOUT)
    assert player.texts == ["Long."]
    assert speaker.last == ("Long.", "fr")


# -- fakes and factory --------------------------------------------------------------------


def test_every_speaker_is_a_speaker(synth: FakeSynth, player: FakePlayer) -> None:
    # mypy checks these assignments against the Protocol; the loop checks they behave alike.
    threaded = ThreadedSpeaker(synth, player, None, 150, 2)
    speakers: list[Speaker] = [threaded, RecordingSpeaker(2), SilentSpeaker(2)]
    try:
        for s in speakers:
            s.say("Un.", "fr")
            s.say("", "fr")
            assert s.last == ("Un.", "fr")
            assert (s.volume, s.volume_up(), s.volume_down()) == (2, 3, 2)
    finally:
        for s in speakers:
            s.close()


def test_recording_speaker_follows_the_protocol() -> None:
    s = RecordingSpeaker(default_volume=2)
    s.repeat()
    assert s.said == [] and s.last is None
    s.say("Bonjour", "fr")
    s.repeat()
    s.stop()
    assert s.said == [("Bonjour", "fr"), ("Bonjour", "fr")]
    assert s.texts == ["Bonjour", "Bonjour"]
    assert s.stops == 1
    assert s.volume_down() == 1
    assert s.volume_down() == 0
    assert s.volume_down() == 0
    s.set_volume(12)
    assert s.volume == MAX_VOLUME
    s.reset_volume()
    assert s.volume == 2
    assert s.problems() == []
    s.close()
    assert s.closed


def test_disabled_speech_says_nothing_but_keeps_state(tmp_path: Path) -> None:
    s = make_speaker(False, "auto", tmp_path / "cache", 150, 4, 1_000_000)
    assert isinstance(s, SilentSpeaker)
    s.say("Bonjour", "fr")
    assert s.last == ("Bonjour", "fr")
    assert s.volume == 4 and s.volume_up() == 5
    s.reset_volume()
    assert s.volume == 4
    assert not (tmp_path / "cache").exists()
    s.close()


@pytest.mark.espeak
def test_make_speaker_with_no_player_still_synthesises_and_caches(tmp_path: Path) -> None:
    moments: list[float] = []
    s = make_speaker(True, "none", tmp_path / "cache", 150, 3, 10_000_000)
    assert isinstance(s, ThreadedSpeaker)
    s.on_audio = moments.append
    try:
        s.say(_("Back") + ".", "fr")  # a fixed text of the kiosk: cached on disk
        assert s.wait_idle(TIMEOUT)
        assert moments, s.problems()
        assert not [p for p in s.problems() if "fr" in p]
    finally:
        s.close()
    assert list((tmp_path / "cache").rglob("*.wav.cache"))


# -- one utterance in several languages ----------------------------------------------------

CARD = [("خباز.", "ar"), ("Boulanger H/F. Lyon 03.", "fr"), ("عمل دائم.", "ar")]


def test_parts_are_said_in_order_each_by_its_own_voice(
    speaker: ThreadedSpeaker, synth: FakeSynth, player: FakePlayer
) -> None:
    moments: list[float] = []
    speaker.on_audio = moments.append
    speaker.say_parts(CARD)
    assert speaker.wait_idle(TIMEOUT)
    assert synth.calls == [
        ("خباز.", "ar", 150),
        ("Boulanger H/F.", "fr", 150),
        ("Lyon 03.", "fr", 150),
        ("عمل دائم.", "ar", 150),
    ]
    assert player.texts == ["خباز.", "Boulanger H/F.", "Lyon 03.", "عمل دائم."]
    assert len(moments) == 1, "one utterance: its first audio is reported once"
    assert speaker.last_parts == tuple(CARD)
    assert speaker.last == ("خباز. Boulanger H/F. Lyon 03. عمل دائم.", "ar")


def test_the_next_speech_cuts_every_part_of_the_utterance(
    speaker: ThreadedSpeaker, synth: FakeSynth, player: FakePlayer
) -> None:
    player.block.add("خباز.")
    speaker.say_parts(CARD)
    assert wait_for(lambda: player.texts == ["خباز."])
    speaker.say("Autre.", "fr")
    assert speaker.wait_idle(TIMEOUT)
    assert player.texts == ["خباز.", "Autre."]
    assert not {"Boulanger H/F.", "Lyon 03.", "عمل دائم."} & set(synth.texts)
    player.block = {"Boulanger H/F."}
    speaker.say_parts(CARD)
    assert wait_for(lambda: player.texts[-1] == "Boulanger H/F.")
    speaker.stop()  # the Stop button silences the whole utterance too
    assert speaker.wait_idle(TIMEOUT)
    assert "عمل دائم." not in player.texts[2:] and "Lyon 03." not in player.texts


def test_repeat_says_every_part_again_and_blank_parts_say_nothing(
    speaker: ThreadedSpeaker, synth: FakeSynth, player: FakePlayer
) -> None:
    speaker.say_parts([("", "fr"), ("مرحبا.", "ar"), ("  ", "ar"), ("Bonjour.", "fr")])
    assert speaker.wait_idle(TIMEOUT)
    assert speaker.last_parts == (("مرحبا.", "ar"), ("Bonjour.", "fr"))
    speaker.say_parts([("", "fr"), (" ", "ar")])  # only silences: "repeat" still works
    speaker.repeat()
    assert speaker.wait_idle(TIMEOUT)
    assert [(t, lang) for t, lang, _r in synth.calls] == [
        ("مرحبا.", "ar"),
        ("Bonjour.", "fr"),
        ("مرحبا.", "ar"),
        ("Bonjour.", "fr"),
    ]
    speaker.forget_private()
    assert speaker.last_parts == () and speaker.last is None


def test_only_fixed_parts_reach_the_disk_and_the_rest_is_forgotten(
    tmp_path: Path, synth: FakeSynth, player: FakePlayer
) -> None:
    cache = PhraseCache(tmp_path / "cache", 10_000_000)
    fixed = {("Retour.", "fr"), ("رجوع.", "ar")}
    s = ThreadedSpeaker(synth, player, cache, 150, MAX_VOLUME, fixed=lambda *p: p in fixed)
    try:
        s.say_parts([("رجوع.", "ar"), ("Boulangerie Zorba.", "fr"), ("Retour.", "fr")])
        assert s.wait_idle(TIMEOUT)
    finally:
        s.close()
    on_disk = sorted(text_of(p.read_bytes()[32:]) for p in (tmp_path / "cache").rglob("*.wav*"))
    assert on_disk == sorted(["رجوع.", "Retour."])
    assert ("fr", 150, "Boulangerie Zorba.") in cache, "kept in memory for the session"
    s.forget_private()
    assert ("fr", 150, "Boulangerie Zorba.") not in cache
    assert ("ar", 150, "رجوع.") in cache


def test_every_speaker_says_parts_and_the_recorder_keeps_each_voice() -> None:
    speakers: list[Speaker] = [RecordingSpeaker(2), SilentSpeaker(2)]
    for s in speakers:
        s.say_parts(CARD)
        s.say_parts([("", "fr")])
        assert s.last_parts == tuple(CARD)
        s.forget_private()
        assert s.last is None
    recorder = RecordingSpeaker()
    recorder.say("Bonjour.", "fr")
    recorder.say_parts(CARD)
    recorder.repeat()
    assert recorder.said == [("Bonjour.", "fr"), *CARD, *CARD]
    assert recorder.utterances == [(("Bonjour.", "fr"),), tuple(CARD), tuple(CARD)]


@pytest.mark.espeak
def test_real_espeak_reads_one_utterance_in_french_then_arabic() -> None:
    from kiosk.speech import Pyttsx3Synthesizer

    real = Pyttsx3Synthesizer()  # bound to the worker thread, which prepares it

    class Recorded:
        def __init__(self) -> None:
            self.calls: list[tuple[str, str, str | None, bytes]] = []

        def prepare(self) -> None:
            real.prepare()

        def voice_problems(self) -> list[str]:
            return real.voice_problems()

        def synthesize(self, text: str, language: str, rate: int) -> bytes:
            wav = real.synthesize(text, language, rate)
            self.calls.append((text, language, real.voice_for(language), wav))
            return wav

    synth, player = Recorded(), NullPlayer()
    s = ThreadedSpeaker(synth, player, None, 150, MAX_VOLUME)
    try:
        s.say_parts([("Boulanger, Lyon.", "fr"), ("خباز في ليون.", "ar")])
        assert s.wait_idle(30)
    finally:
        s.close()
    assert [(t, lang) for t, lang, _v, _w in synth.calls] == [
        ("Boulanger, Lyon.", "fr"),
        ("خباز في ليون.", "ar"),
    ], s.problems()
    french_voice, arabic_voice = (voice for _t, _l, voice, _w in synth.calls)
    if arabic_voice is None:
        pytest.skip("no Arabic espeak-ng voice installed")
    assert french_voice != arabic_voice, "each part by its own voice"
    assert player.played == 2
    for _t, _l, _v, wav in synth.calls:
        samples = samples_of(wav)
        rms = math.sqrt(sum(x * x for x in samples) / len(samples))
        assert rms > 300 and 0.3 < wav_seconds(wav) < 10, "speech, not silence"


def wav_seconds(wav: bytes) -> float:
    with wave.open(io.BytesIO(wav), "rb") as r:
        return r.getnframes() / r.getframerate()
