"""Small helpers shared by the sync tests: a fake clock and a configuration pointing at fakes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk import config


class FakeClock:
    """Monotonic time that moves only when slept on: backoff and rate limits cost nothing,
    and the sleeps a test asserts on are recorded."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def settings(data_dir: Path, **values: Any) -> config.Config:
    """The defaults, the test's data directory, then `values` (keys with '__' for '.')."""
    return config.load(environ={config.ENV_DATA_DIR: str(data_dir)}).with_values(**values)


def toml(values: dict[str, Any]) -> str:
    """A configuration file for the real process, from `section__name` keys."""
    sections: dict[str, list[str]] = {}
    for name, value in values.items():
        section, key = name.split("__", 1)
        if isinstance(value, bool):
            shown = "true" if value else "false"
        elif isinstance(value, int):
            shown = str(value)
        elif isinstance(value, list | tuple):
            shown = "[" + ", ".join(f'"{v}"' for v in value) + "]"
        else:
            shown = '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
        sections.setdefault(section, []).append(f"{key} = {shown}")
    return "\n".join(f"[{s}]\n" + "\n".join(lines) + "\n" for s, lines in sections.items())
