"""ACCESSIBILITY.md as checks: every control named, spoken and large enough; every text at
7:1 contrast as actually rendered; every screen's spoken text in the active language."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.i18n import in_language
from tests.ui.colours import contrast
from ui import theme
from ui.widgets.spoken import spoken_text

SCREENS = ["welcome", "home", "help", "still_here"]
ARABIC = range(0x0600, 0x06FF)


def visible(window, kind: type) -> list:  # type: ignore[no-untyped-def]
    return [w for w in window.findChildren(kind) if w.isVisibleTo(window) and w.isVisible()]


def rendered_contrast(widget: QWidget, inset: int) -> float:
    """Contrast between the background and the most contrasting common colour drawn on it."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    w, h = image.width(), image.height()
    counts: Counter[int] = Counter()
    for y in range(inset, h - inset, 2):
        for x in range(inset, w - inset, 2):
            counts[image.pixel(x, y)] += 1
    background, total = counts.most_common(1)[0][0], sum(counts.values())
    bg = f"#{background & 0xFFFFFF:06x}"
    inks = [c for c, n in counts.most_common(12)[1:] if n >= total * 0.004]
    assert inks, f"nothing drawn on {widget!r}"
    return max(contrast(bg, f"#{c & 0xFFFFFF:06x}") for c in inks)


def test_declared_colour_pairs_reach_7_to_1() -> None:
    for name, role in theme.ROLES.items():
        assert contrast(role.fg, role.bg) >= 7, name


def test_contrast_helper_is_right() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") < 4.5


@pytest.mark.parametrize("language", ["fr", "en", "ar"])
def test_every_screen_is_named_spoken_large_and_in_its_language(
    qtbot, window, language: str
) -> None:  # type: ignore[no-untyped-def]
    window.start_session(language)
    for name in SCREENS:
        window.show_screen(name)
        qtbot.wait(1)
        screen = window.current
        intro = screen.spoken_intro()
        assert intro
        if language == "ar":
            assert any(ord(c) in ARABIC for c in intro), (name, intro)
        elif language == "fr" and name != "welcome":
            assert intro != in_language("en", screen.TITLE) + " " + in_language(
                "en", screen.INSTRUCTION
            )
        buttons = visible(window, QAbstractButton)
        assert len(buttons) >= 8, "the bar and the screen's own controls"
        for button in buttons:
            where = f"{name}/{button.text()!r}"
            assert button.accessibleName(), where
            assert spoken_text(button), where
            assert button.width() >= theme.MIN_TARGET and button.height() >= theme.MIN_TARGET, where
        for label in visible(window, QLabel):
            if label.text():
                assert label.font().pixelSize() >= 20 or label.fontInfo().pixelSize() >= 20, (
                    f"{name}: {label.text()!r} is too small"
                )


@pytest.mark.parametrize("name", SCREENS)
def test_text_as_rendered_has_7_to_1_contrast(qtbot, window, name: str) -> None:  # type: ignore[no-untyped-def]
    window.start_session("fr")
    window.show_screen(name)
    qtbot.wait(1)
    checked = 0
    for widget in visible(window, QLabel) + visible(window, QAbstractButton):
        text = widget.text()
        if not text or widget.width() < 20 or widget.height() < 20:
            continue
        inset = 8 if isinstance(widget, QAbstractButton) else 0  # leave out the border
        ratio = rendered_contrast(widget, inset)
        assert ratio >= 7, f"{name}: {text!r} renders at {ratio:.1f}:1"
        checked += 1
    assert checked >= 5


def test_the_contrast_check_can_fail(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel("Pâle")
    qtbot.addWidget(label)
    label.setStyleSheet("color: #9a9a9a; background: #ffffff; font-size: 40px;")
    label.resize(200, 80)
    assert rendered_contrast(label, 0) < 7
