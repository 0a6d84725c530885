"""Where shipped files live, from a source checkout and inside a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def root() -> Path:
    """The folder that holds `data/` and `locales/`.

    PyInstaller unpacks bundled files under `sys._MEIPASS`; from source they sit next to the
    `kiosk/` package.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def data_file(*parts: str) -> Path:
    return root().joinpath("data", *parts)


def locales_dir() -> Path:
    return root() / "locales"
