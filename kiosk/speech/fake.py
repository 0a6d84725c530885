"""Speakers that make no sound: one for speech switched off, one that records for tests."""

from __future__ import annotations

from kiosk.speech.speaker import MAX_VOLUME, clamp_volume


class SilentSpeaker:
    """A `Speaker` that says nothing but keeps the state the screens show (last text, volume)."""

    def __init__(self, default_volume: int = 3, problems: list[str] | None = None) -> None:
        self._default_volume = clamp_volume(default_volume)
        self._volume = self._default_volume
        self._last: tuple[str, str] | None = None
        self._problems = list(problems or [])
        self.closed = False

    def say(self, text: str, language: str) -> None:
        if text.strip():  # as ThreadedSpeaker: blank text silences and is not remembered
            self._last = (text, language)

    def stop(self) -> None:
        pass

    def repeat(self) -> None:
        if self._last is not None:
            self.say(*self._last)

    @property
    def last(self) -> tuple[str, str] | None:
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
        self._last = None

    def close(self) -> None:
        self.closed = True


class RecordingSpeaker(SilentSpeaker):
    """A `Speaker` for tests and screenshots: ``said`` lists every (text, language) asked,
    repeats included, ``stops`` counts explicit `stop` calls and ``forgotten`` the
    `forget_private` calls (one per ended session)."""

    def __init__(self, default_volume: int = 3, problems: list[str] | None = None) -> None:
        super().__init__(default_volume, problems)
        self.said: list[tuple[str, str]] = []
        self.stops = 0
        self.forgotten = 0

    def say(self, text: str, language: str) -> None:
        super().say(text, language)
        self.said.append((text, language))

    def stop(self) -> None:
        self.stops += 1

    def forget_private(self) -> None:
        super().forget_private()
        self.forgotten += 1

    @property
    def texts(self) -> list[str]:
        return [text for text, _ in self.said]


__all__ = ["MAX_VOLUME", "RecordingSpeaker", "SilentSpeaker"]
