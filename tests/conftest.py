"""Every test gets its own data directory and never touches the real home or config."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(folder))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return folder


@pytest.fixture(autouse=True)
def _french_first() -> object:
    """The language is process-wide state: every test starts in French and leaves it so."""
    from kiosk.i18n import translator

    translator.set_language("fr")
    yield
    translator.set_language("fr")
