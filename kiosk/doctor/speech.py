"""Speech: an audio output, a voice for each enabled language, and synthesis that works."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any

from kiosk.config import Config
from kiosk.doctor import Check, ok, problem
from kiosk.languages import LANGUAGES
from kiosk.speech import Player, Pyttsx3Synthesizer, make_player, wav_duration

# Each language's greeting from the registry: what the welcome screen says in that voice.
SAMPLES = {code: f"{language.greeting}." for code, language in LANGUAGES.items()}
ENGINE_TIMEOUT = 30.0

SynthFactory = Callable[[Sequence[str]], Any]  # -> prepare(), voice_for(), synthesize()


def _voice_advice(language: str) -> str:
    if sys.platform == "win32":
        return (
            f"add the {language} speech voice (Settings > Time & language > Speech > "
            "Manage voices); SAPI5 voices are what the kiosk uses"
        )
    known = LANGUAGES.get(language)
    voice = known.voice if known else language
    return (
        f"install espeak-ng and espeak-ng-data (`apt-get install espeak-ng`); check that "
        f"`espeak-ng --voices={voice}` lists the {voice} voice. Without it the words are "
        "still shown, but read by the default voice"
    )


def _name(code: str) -> str:
    known = LANGUAGES.get(code)
    return f"{known.english_name} ({code})" if known else code


def audio_check(player_name: str, player_factory: Callable[[str], Player] = make_player) -> Check:
    if player_name == "none":
        return ok("audio", "sound is switched off (speech.player = none)")
    try:
        player = player_factory(player_name)
    except ValueError as exc:
        return problem("audio", str(exc), "set speech.player to auto")
    reason = player.available()
    if reason is not None:
        return problem(
            "audio",
            f"{reason}: the kiosk works but is silent",
            "connect speakers, check `aplay -l` and `alsamixer` (the kiosk's user must be in "
            "the audio group)",
        )
    if type(player).__name__ == "NullPlayer":
        return problem(
            "audio",
            "no audio player on this system: the kiosk works but is silent",
            "install alsa-utils (aplay)",
        )
    return ok("audio", f"{type(player).__name__.removesuffix('Player').lower()} can play")


def voice_checks(
    languages: Sequence[str], factory: SynthFactory = Pyttsx3Synthesizer
) -> list[Check]:
    """A voice and a synthesised phrase per language, on a thread with a time limit."""
    found: list[Check] = []

    def work() -> None:
        try:
            synth = factory(languages)
            synth.prepare()
        except Exception as exc:
            found.append(
                problem("speech", f"the speech engine cannot start ({exc})", _voice_advice("fr"))
            )
            return
        missing = " ".join(synth.voice_problems())
        for code in languages:
            if f"no speech voice for {code}" in missing:
                found.append(
                    problem(
                        f"voice {code}",
                        f"no voice for {_name(code)}: the text is shown, but the default "
                        "voice would read it badly",
                        _voice_advice(code),
                    )
                )
                continue
            try:
                wav = synth.synthesize(SAMPLES.get(code, "OK."), code, 150)
                seconds = wav_duration(wav)
            except Exception as exc:
                found.append(
                    problem(f"voice {code}", f"synthesis failed ({exc})", _voice_advice(code))
                )
                continue
            if seconds <= 0:
                found.append(
                    problem(f"voice {code}", "synthesis gave silence", _voice_advice(code))
                )
            else:
                voice = synth.voice_for(code) or "default"
                found.append(ok(f"voice {code}", f"{voice}, {seconds:.1f} s of speech synthesised"))

    thread = threading.Thread(target=work, name="doctor-speech", daemon=True)
    thread.start()
    thread.join(ENGINE_TIMEOUT)
    if thread.is_alive():
        return [
            problem(
                "speech",
                f"the speech engine did not answer within {ENGINE_TIMEOUT:.0f} s",
                _voice_advice("fr"),
            )
        ]
    return found


def speech_checks(
    settings: Config,
    player_factory: Callable[[str], Player] = make_player,
    synth_factory: SynthFactory = Pyttsx3Synthesizer,
) -> list[Check]:
    if not settings.get_bool("speech.enabled"):
        return [ok("speech", "switched off (speech.enabled = false)")]
    return [
        audio_check(settings.get_str("speech.player"), player_factory),
        *voice_checks(settings.get_list("language.enabled"), synth_factory),
    ]
