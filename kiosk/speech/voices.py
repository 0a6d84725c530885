"""Choosing a synthesiser voice for a kiosk language.

Drivers describe voices differently: espeak-ng gives ids like ``roa/fr`` and languages like
``fr-fr``, SAPI5 and NSSS give locales like ``fr_FR``, and older espeak drivers give bytes with
a priority byte in front. Everything is normalised to lower-case BCP-47-ish tags first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kiosk import languages


@dataclass(frozen=True)
class VoiceInfo:
    """What the kiosk needs to know of a driver voice."""

    id: str
    name: str = ""
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class VoiceChoice:
    """The voice to use for a language; ``voice_id`` None means the engine default voice."""

    language: str
    voice_id: str | None
    problem: str | None = None


def normalise_tag(raw: object) -> str:
    """A language tag as lower-case with hyphens, whatever the driver handed over."""
    if isinstance(raw, bytes):
        # Old espeak drivers prefix the tag with a one-byte priority.
        raw = raw.decode("utf-8", errors="ignore")
    text = str(raw).strip().lower().replace("_", "-")
    return re.sub(r"^[^a-z]+", "", text)


def voice_info(voice: object) -> VoiceInfo:
    """Read a pyttsx3 ``Voice`` (or anything with id/name/languages) into a `VoiceInfo`."""
    voice_id = str(getattr(voice, "id", ""))
    name = str(getattr(voice, "name", "") or "")
    raw_languages = getattr(voice, "languages", None) or []
    if isinstance(raw_languages, str | bytes):
        raw_languages = [raw_languages]
    languages = tuple(t for t in (normalise_tag(x) for x in raw_languages) if t)
    return VoiceInfo(voice_id, name, languages)


def is_mbrola(voice: VoiceInfo) -> bool:
    # espeak-ng lists mbrola voices whose data files are often not installed; they then
    # produce silence or errors, so they are only a last resort.
    lowered = voice.id.lower()
    return lowered.startswith("mb/") or "mbrola" in lowered or lowered.startswith("mb-")


def _tags(voice: VoiceInfo) -> list[str]:
    # The id counts too: espeak-ng's 'roa/fr' names its language after the slash.
    return [normalise_tag(t) for t in (*voice.languages, voice.id.rsplit("/", 1)[-1])]


def _exact(voice: VoiceInfo, language: str) -> bool:
    return any(t in (language, f"{language}-{language}") for t in _tags(voice))


def _prefix(voice: VoiceInfo, language: str) -> bool:
    return any(t.startswith(language + "-") for t in _tags(voice))


def _by_name(voice: VoiceInfo, language: str) -> bool:
    # For drivers that list no language at all (some SAPI5 voices): the registry's word.
    known = languages.LANGUAGES.get(language)
    return known is not None and known.voice_word in voice.name.lower()


def _registry_voices(language: str) -> tuple[str, ...]:
    known = languages.LANGUAGES.get(language)
    return tuple(normalise_tag(v) for v in known.voices) if known else ()


def choose_voice(voices: Iterable[VoiceInfo], language: str) -> VoiceChoice:
    """Pick the voice for ``language`` ("fr", "uk", "fa"...).

    Order: the registry's voices for the language, best first (``pt`` before ``pt-br``), then an
    exact language match, then a regional variant (``fr-be``), then a voice whose
    name spells the language; within each, non-mbrola voices first and the driver's order
    otherwise. Without any match the default voice is used and the choice carries a problem.
    """
    wanted = normalise_tag(language)
    listed: Sequence[VoiceInfo] = list(voices)
    usable = [v for v in listed if not is_mbrola(v)]
    for name in _registry_voices(wanted):
        # The voice's own name first: espeak-ng's Latin American Spanish also lists "es".
        named = [v for v in usable if normalise_tag(v.id.rsplit("/", 1)[-1]) == name]
        named = named or [v for v in usable if name in _tags(v)]
        if named:
            return VoiceChoice(language, named[0].id)
    for matches in (_exact, _prefix, _by_name):
        found = [v for v in listed if matches(v, wanted)]
        if found:
            best = sorted(found, key=is_mbrola)[0]  # sorted() is stable: driver order kept
            return VoiceChoice(language, best.id)
    return VoiceChoice(language, None, f"no speech voice for {language}; using the default voice")
