"""A CV is said to be written only once all of it is: a full USB stick or `--out /dev/full`
gets a plain message and no half PDF passing for a CV."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cv.jsonresume import to_json_resume
from kiosk.cv.samples import short_cv
from kiosk.errors import UserError
from kiosk.i18n import _
from tests.ui.taps import tap
from tests.ui.test_cv_wizard_edges import begin, show
from ui.cv import output, usb
from ui.screens.cv_preview import SAVED

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def full_stick(tmp_path: Path) -> Iterator[Path]:
    """A real small file system, filled up to its last block (needs root to mount)."""
    stick = tmp_path / "stick"
    stick.mkdir()
    if os.geteuid() != 0:
        pytest.skip("a full file system of our own needs root to mount")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(stick)]).returncode:
        pytest.skip("cannot mount a small file system here")
    try:
        with open(stick / "holiday photos.jpg", "wb", buffering=0) as filler:
            try:
                while True:
                    filler.write(b"\xff" * 1024)
            except OSError:
                pass
        (stick / "holiday photos.jpg").unlink()
        with open(stick / "holiday photos.jpg", "wb", buffering=0) as filler:
            filler.write(b"\xff" * 56 * 1024)  # room for a cut-off PDF (8 kB), not a whole one
        yield stick
    finally:
        subprocess.run(["umount", "-l", str(stick)], check=False)


def cvs_on(stick: Path) -> list[str]:
    return sorted(p.name for p in stick.iterdir() if p.name != "holiday photos.jpg")


def test_a_full_stick_gets_no_half_cv(qapp, full_stick: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(usb, "drives", lambda: [full_stick])
    with pytest.raises(UserError) as caught:
        output.save_to_stick(short_cv(), "classic")
    assert caught.value.message == output.NOT_WRITTEN
    assert cvs_on(full_stick) == [], "nothing that looks like the CV is left"


def test_a_stick_that_takes_only_part_of_the_file_gets_no_half_cv(
    qapp, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Without root: the process may write only 4 kB per file, as a nearly full stick would."""
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(usb, "drives", lambda: [stick])
    previous_signal = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    real_render = output.render_pdf

    def render_then_limit(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = real_render(*args, **kwargs)  # the rendering itself is not the stick
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, hard))
        return result

    monkeypatch.setattr(output, "render_pdf", render_then_limit)
    try:
        with pytest.raises(UserError) as caught:
            output.save_to_stick(short_cv(), "classic")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous_signal)
    assert caught.value.message == output.NOT_WRITTEN
    assert cvs_on(stick) == []


def test_the_screen_says_the_stick_is_full_not_that_the_cv_is_on_it(
    qtbot, window, speaker, monkeypatch, full_stick: Path
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(usb, "drives", lambda: [full_stick])
    begin(qtbot, window, "fr", cv=short_cv())
    preview = show(window, "cv_preview")
    tap(qtbot, preview.usb)
    qtbot.waitUntil(lambda: speaker.said[-1][0] == _(output.NOT_WRITTEN), timeout=20000)
    assert _(SAVED) not in [text for text, _lang in speaker.said]
    assert cvs_on(full_stick) == []


def test_render_to_a_full_device_fails_in_one_line(tmp_path: Path) -> None:
    source = tmp_path / "cv.json"
    source.write_text(json.dumps(to_json_resume(short_cv())), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "cv", "render", str(source), "--out", "/dev/full"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "written" not in done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "/dev/full" in lines[0] and "Traceback" not in done.stderr, lines
