"""Building the application's `Speaker` from the settings."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from kiosk.speech.cache import PhraseCache, fixed_texts_folder
from kiosk.speech.fake import SilentSpeaker
from kiosk.speech.fixed import catalogue_texts
from kiosk.speech.player import NullPlayer, Player, make_player
from kiosk.speech.speaker import Speaker, ThreadedSpeaker
from kiosk.speech.synth import DEFAULT_LANGUAGES, Pyttsx3Synthesizer

log = logging.getLogger(__name__)

# Long enough for pyttsx3 to start (about 50 ms here), short enough not to hold up start-up.
READY_TIMEOUT = 5.0


def make_speaker(
    enabled: bool,
    player_name: str,
    cache_dir: Path,
    rate: int,
    default_volume: int,
    cache_bytes: int,
    languages: Sequence[str] = DEFAULT_LANGUAGES,
    on_audio: Callable[[float], None] | None = None,
) -> Speaker:
    """The speaker for these settings; never raises for a missing sound card or voice.

    Without usable sound output, speech is still synthesised (and cached) but played by a
    `NullPlayer`, and `problems()` says why. With speech disabled nothing is synthesised.
    Only the catalogue's fixed texts are cached on disk; audio of older versions, which
    cached typed texts too, is removed.
    """
    folder = fixed_texts_folder(cache_dir)  # even with speech off: old typed audio goes
    if not enabled:
        return SilentSpeaker(default_volume)
    problems: list[str] = []
    player: Player = make_player(player_name)
    problem = player.available()
    if problem is not None:
        log.warning("speech: %s; speaking silently", problem)
        problems.append(problem)
        player = NullPlayer()
    speaker = ThreadedSpeaker(
        Pyttsx3Synthesizer(languages),
        player,
        PhraseCache(folder, cache_bytes),
        rate,
        default_volume,
        on_audio=on_audio,
        problems=problems,
        fixed=catalogue_texts(),
    )
    # Voice problems are only known once the worker has started the engine; wait briefly so
    # the caller can report them at start-up.
    if not speaker.wait_ready(READY_TIMEOUT):
        log.warning("speech: the synthesizer is slow to start")
    return speaker
