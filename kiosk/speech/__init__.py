"""Speech: synthesis with pyttsx3, a phrase cache, interruptible playback, the Speaker service.

Never imports Qt: screens talk to a `Speaker` and tests use `RecordingSpeaker`.
"""

from kiosk.speech.cache import PhraseCache, phrase_key
from kiosk.speech.errors import SpeechError
from kiosk.speech.factory import make_speaker
from kiosk.speech.fake import RecordingSpeaker, SilentSpeaker
from kiosk.speech.player import (
    AplayPlayer,
    NullPlayer,
    Player,
    WinsoundPlayer,
    make_player,
    scale_volume,
    wav_duration,
)
from kiosk.speech.speaker import MAX_VOLUME, Part, Speaker, ThreadedSpeaker, split_sentences
from kiosk.speech.synth import Pyttsx3Synthesizer, Synthesizer
from kiosk.speech.voices import VoiceChoice, VoiceInfo, choose_voice

__all__ = [
    "MAX_VOLUME",
    "AplayPlayer",
    "NullPlayer",
    "Part",
    "PhraseCache",
    "Player",
    "Pyttsx3Synthesizer",
    "RecordingSpeaker",
    "SilentSpeaker",
    "Speaker",
    "SpeechError",
    "Synthesizer",
    "ThreadedSpeaker",
    "VoiceChoice",
    "VoiceInfo",
    "WinsoundPlayer",
    "choose_voice",
    "make_player",
    "make_speaker",
    "phrase_key",
    "scale_volume",
    "split_sentences",
    "wav_duration",
]
