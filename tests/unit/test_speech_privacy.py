"""The speech cache never writes to disk audio of what a person typed or of their data (issue
9.6, 15.4): only the catalogue's fixed texts go to disk; the rest stays in memory for the
session and is forgotten when it ends. Older caches, which held typed texts, are removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.i18n import _, in_language
from kiosk.speech import PhraseCache, ThreadedSpeaker, make_speaker, phrase_key, split_sentences
from kiosk.speech import factory as factory_module
from kiosk.speech.cache import FOLDER
from kiosk.speech.fixed import FixedTexts, catalogue_texts
from tests.unit.test_speech import TIMEOUT, FakeSynth, text_of

RATE = 150
# What the offers screen says after a search for a typed job, and the CV's typed data.
OFFERS_FOR = "Offers for “{query}”"
INSTRUCTION = "Touch an offer to read it. Slide your finger to see more."
TYPED = ("serveur Zorbatique", "Samira Zorbatique", "Boulangerie Zorbatique", "Zorbaville")


def spoken_by_screens(language: str) -> list[str]:
    """Texts as the screens build them: fixed words around what the person typed."""
    offers = in_language(language, OFFERS_FOR).format(query=TYPED[0])
    return [
        f"{offers}. {in_language(language, INSTRUCTION)}",
        f"{TYPED[1]}. {TYPED[2]}, {TYPED[3]}.",
        TYPED[3],
    ]


def cached_texts(folder: Path) -> list[str]:
    """The text of every entry on disk (the fake synthesizer writes the text in the samples)."""
    return [text_of(p.read_bytes()[32:]) for p in folder.rglob("*") if p.is_file()]


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> FakeSynth:
    """The kiosk's own speaker (make_speaker), with a synthesizer that needs no voices."""
    synth = FakeSynth()
    monkeypatch.setattr(factory_module, "Pyttsx3Synthesizer", lambda _languages: synth)
    return synth


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_typed_texts_never_reach_the_disk_but_fixed_texts_do(
    tmp_path: Path, fake_engine: FakeSynth, language: str
) -> None:
    folder = tmp_path / "speech-cache"
    speaker = make_speaker(True, "none", folder, RATE, 3, 10_000_000)
    assert isinstance(speaker, ThreadedSpeaker)
    try:
        for text in spoken_by_screens(language):
            speaker.say(text, language)
            assert speaker.wait_idle(TIMEOUT)
    finally:
        speaker.close()
    on_disk = cached_texts(folder)
    for text in on_disk:
        assert not any(word in text for word in TYPED), f"typed text on disk: {text!r}"
    for sentence in split_sentences(in_language(language, INSTRUCTION)):
        assert sentence in on_disk
        assert list(folder.rglob(phrase_key(language, RATE, sentence) + "*"))
    typed_keys = {
        phrase_key(language, RATE, s)
        for t in spoken_by_screens(language)
        for s in split_sentences(t)
    }
    names = {p.name.split(".")[0] for p in folder.rglob("*")}
    assert typed_keys & names == {
        phrase_key(language, RATE, s) for s in split_sentences(in_language(language, INSTRUCTION))
    }


def test_private_audio_lives_in_memory_until_the_session_is_forgotten(
    tmp_path: Path, fake_engine: FakeSynth
) -> None:
    speaker = make_speaker(True, "none", tmp_path / "speech-cache", RATE, 3, 10_000_000)
    assert isinstance(speaker, ThreadedSpeaker)
    try:
        speaker.say(TYPED[3], "fr")
        assert speaker.wait_idle(TIMEOUT)
        speaker.say(TYPED[3], "fr")  # "repeat" during the session: no second synthesis
        assert speaker.wait_idle(TIMEOUT)
        assert fake_engine.texts.count(TYPED[3]) == 1
        assert speaker.last == (TYPED[3], "fr")
        speaker.forget_private()
        assert speaker.last is None
        speaker.repeat()  # the next person's "repeat" cannot bring back the last one's text
        assert speaker.wait_idle(TIMEOUT)
        assert fake_engine.texts.count(TYPED[3]) == 1
        speaker.say(TYPED[3], "fr")  # nothing of it kept: synthesised afresh
        assert speaker.wait_idle(TIMEOUT)
        assert fake_engine.texts.count(TYPED[3]) == 2
    finally:
        speaker.close()


def test_a_sentence_being_synthesised_when_the_session_ends_is_not_kept(
    tmp_path: Path, fake_engine: FakeSynth
) -> None:
    import threading

    cache = PhraseCache(tmp_path / "c", 10_000_000)
    gate = threading.Event()
    fake_engine.hold[TYPED[3]] = gate
    speaker = ThreadedSpeaker(fake_engine, _Quiet(), cache, RATE, 3, fixed=catalogue_texts())
    try:
        speaker.say(TYPED[3], "fr")
        deadline = threading.Event()
        while TYPED[3] not in fake_engine.texts and not deadline.wait(0.002):
            pass
        speaker.forget_private()
        gate.set()
        assert speaker.wait_idle(TIMEOUT)
    finally:
        speaker.close()
    assert cache.get("fr", RATE, TYPED[3]) is None and not cache._private


def test_caches_of_older_versions_are_removed_at_start_up(
    tmp_path: Path, fake_engine: FakeSynth
) -> None:
    folder = tmp_path / "speech-cache"
    old = PhraseCache(folder, 10_000_000)  # as older versions did: everything, in the folder
    old.put("fr", RATE, "Offres pour « serveur Zorbatique ».", b"RIFF old audio")
    assert [p for p in folder.iterdir() if p.is_file()]
    make_speaker(True, "none", folder, RATE, 3, 10_000_000).close()
    assert [p.name for p in folder.iterdir()] == [FOLDER]
    make_speaker(False, "none", folder, RATE, 3, 10_000_000).close()  # speech off: same
    assert [p.name for p in folder.iterdir()] == [FOLDER]


def test_fixed_texts_are_whole_catalogue_sentences_without_placeholders() -> None:
    fixed = catalogue_texts()
    back = _("Back")
    assert fixed(back, "fr") and fixed(f"{back}.", "fr")  # a button's name, said with a stop
    assert fixed(split_sentences(in_language("ar", INSTRUCTION))[0], "ar")
    assert not fixed(in_language("fr", OFFERS_FOR).format(query="serveur"), "fr")
    assert not fixed(in_language("fr", OFFERS_FOR), "fr")  # its placeholder is not a text
    assert not fixed("Samira Benali", "fr") and not fixed("", "fr")
    assert not fixed(back, "xx")  # an unknown language has no fixed texts
    own = FixedTexts(lambda _language: ["Bonjour. Votre nom : {name}.", "Touchez ici"])
    assert own("Bonjour.", "fr") and own("Touchez ici.", "fr")
    assert not own("Votre nom : Samira.", "fr")


@pytest.mark.espeak
def test_real_voices_cache_only_fixed_texts(tmp_path: Path) -> None:
    folder = tmp_path / "speech-cache"
    speaker = make_speaker(True, "none", folder, RATE, 3, 10_000_000)
    try:
        for text in spoken_by_screens("fr"):
            speaker.say(text, "fr")
            assert speaker.wait_idle(TIMEOUT * 4)
    finally:
        speaker.close()
    names = {p.name.split(".")[0] for p in folder.rglob("*.wav.cache")}
    fixed = {phrase_key("fr", RATE, s) for s in split_sentences(in_language("fr", INSTRUCTION))}
    assert names == fixed


class _Quiet:
    def play(self, wav: bytes) -> None:
        pass

    def stop(self) -> None:
        pass

    def available(self) -> str | None:
        return None
