"""Speakers that make no sound: one for speech switched off, one that records for tests."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.speech.speaker import MAX_VOLUME, Part, clamp_volume, spoken_parts, summary_of


class SilentSpeaker:
    """A `Speaker` that says nothing but keeps the state the screens show (last text, volume)."""

    def __init__(self, default_volume: int = 3, problems: list[str] | None = None) -> None:
        self._default_volume = clamp_volume(default_volume)
        self._volume = self._default_volume
        self._last: tuple[Part, ...] = ()
        self._problems = list(problems or [])
        self.closed = False

    def say(self, text: str, language: str) -> None:
        self.say_parts([(text, language)])

    def say_parts(self, parts: Sequence[Part]) -> None:
        said = spoken_parts(parts)
        if said:  # as ThreadedSpeaker: blank text silences and is not remembered
            self._last = said

    def stop(self) -> None:
        pass

    def repeat(self) -> None:
        if self._last:
            self.say_parts(self._last)

    @property
    def last(self) -> tuple[str, str] | None:
        return summary_of(self._last)

    @property
    def last_parts(self) -> tuple[Part, ...]:
        return self._last

    @property
    def volume(self) -> int:
        return self._volume

    def set_volume(self, step: int) -> None:
        self._volume = clamp_volume(step)

    def volume_up(self) -> int:
        self.set_volume(self._volume + 1)
        return self._volume

    def volume_down(self) -> int:
        self.set_volume(self._volume - 1)
        return self._volume

    def reset_volume(self) -> None:
        self._volume = self._default_volume

    def configure(self, rate: int, default_volume: int) -> None:
        self.rate = rate
        self._default_volume = default_volume

    def problems(self) -> list[str]:
        return list(self._problems)

    def forget_private(self) -> None:
        self._last = ()

    def close(self) -> None:
        self.closed = True


class RecordingSpeaker(SilentSpeaker):
    """A `Speaker` for tests and screenshots: ``said`` lists every (text, language) asked,
    repeats included, one entry per part of a `say_parts` (so a test sees which voice read
    which words); ``utterances`` groups them as asked, one tuple per `say`/`say_parts`.
    ``stops`` counts explicit `stop` calls and ``forgotten`` the `forget_private` calls (one
    per ended session)."""

    def __init__(self, default_volume: int = 3, problems: list[str] | None = None) -> None:
        super().__init__(default_volume, problems)
        self.said: list[tuple[str, str]] = []
        self.utterances: list[tuple[Part, ...]] = []
        self.stops = 0
        self.forgotten = 0

    def say(self, text: str, language: str) -> None:
        super().say_parts([(text, language)])
        self.said.append((text, language))
        self.utterances.append(((text, language),))

    def say_parts(self, parts: Sequence[Part]) -> None:
        super().say_parts(parts)
        said = spoken_parts(parts)
        self.said.extend(said)
        if said:
            self.utterances.append(said)

    def stop(self) -> None:
        self.stops += 1

    def forget_private(self) -> None:
        super().forget_private()
        self.forgotten += 1

    @property
    def texts(self) -> list[str]:
        return [text for text, _ in self.said]


__all__ = ["MAX_VOLUME", "RecordingSpeaker", "SilentSpeaker"]
