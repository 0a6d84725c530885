"""Every test gets its own data directory and never touches the real home or config."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt's offscreen screen is 800x800 by default, smaller than the kiosk's window, and a tap
# outside it finds no widget: a kinetic list's scroller then swallows the press. The tests
# get a screen as large as an agency's, with no window frame.
_SCREEN = Path(__file__).parent / "fakes" / "screen.json"
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"


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
