"""`kiosk screenshots --size`: every screen rendered at the screen's size, never larger (the
goodbye screen once came out 1920x1195), and what does not fit counted."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.e2e.test_commands import kiosk

pytestmark = pytest.mark.e2e


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_every_screen_is_rendered_at_the_asked_size(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    result = kiosk("screenshots", "--out", str(out), "--lang", "ar", "--size", "1280x800")
    assert result.returncode == 0, result.stderr
    screens = sorted(p for p in out.glob("*-ar-1280x800.png") if "keyboard" not in p.name)
    assert any("goodbye" in p.name for p in screens) and len(screens) > 20
    for png in screens:
        assert _png_size(png) == (1280, 800), png.name
    assert "texts or controls cut, off screen or too small at ar-1280x800" in result.stdout


def test_a_bad_size_is_a_clear_message(tmp_path: Path) -> None:
    result = kiosk("screenshots", "--out", str(tmp_path), "--size", "big")
    assert result.returncode == 2
    assert "WIDTHxHEIGHT" in result.stderr and "Traceback" not in result.stderr
