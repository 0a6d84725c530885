"""The walk: every screen of the real window at 1280x800 and 1920x1080, in French and Arabic,
with large text off and on. Nothing may be cut, elided, pushed off the window or smaller
than a finger, and the window never grows past the screen.

One window per size x language x text size (a module-scoped fixture, so pytest groups the
tests by it); one test per screen, so an owner runs only theirs: `-k cv_`, `-k "offer and
ar"`, `-k 1280x800`. A failure lists every offender: screen | widget | text | problem.
Normal text here, large text in test_fits_large.py (the same tests; two files so `make
test`'s two workers share the walk).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSize

from kiosk import config as config_module
from kiosk.services import Kiosk, open_kiosk
from kiosk.speech.fake import RecordingSpeaker
from ui.fits import check_window


@dataclass(frozen=True)
class Combo:
    width: int
    height: int
    lang: str
    large: bool

    def __str__(self) -> str:
        return f"{self.width}x{self.height}-{self.lang}-{'large' if self.large else 'normal'}"


ALL_COMBOS = [
    Combo(w, h, lang, large)
    for (w, h) in ((1280, 800), (1920, 1080))
    for lang in ("fr", "ar")
    for large in (False, True)
]


def _screen_names() -> list[str]:
    from ui.app import walk_order
    from ui.screens import screen_classes

    return walk_order({cls.NAME: cls for cls in screen_classes()})


SCREENS = _screen_names()


@pytest.fixture(autouse=True)
def _french_first() -> Iterator[None]:
    """The conftest's reset to French after every test would switch the walk's window back
    to French between its screens; this module sets the language itself (and resets it)."""
    yield


@pytest.fixture(scope="module")
def walk_kiosk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kiosk]:
    """One seeded catalogue (demo offers) for the whole walk: building it is the slow part."""
    folder: Path = tmp_path_factory.mktemp("walk") / "data"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KIOSK_DATA_DIR", str(folder))
        patch.delenv("KIOSK_CONFIG", raising=False)
        settings = config_module.load(None)
        kiosk = open_kiosk(settings, speaker_factory=lambda _c, _d: RecordingSpeaker())
        yield kiosk
        kiosk.close()


def make_walk(combos: list[Combo]):  # type: ignore[no-untyped-def]
    @pytest.fixture(scope="module", params=combos, ids=str)
    def walk(request: pytest.FixtureRequest, qapp, walk_kiosk: Kiosk):  # type: ignore[no-untyped-def]
        """The real window, as `kiosk run --kiosk` assembles it, fixed to one screen size."""
        from kiosk.i18n import translator
        from ui import theme
        from ui.app import walk_window
        from ui.assembly import assemble
        from ui.context import UiContext

        combo: Combo = request.param
        ctx = UiContext(walk_kiosk)
        app = assemble(
            walk_kiosk.config, kiosk_mode=True, services=(walk_kiosk, ctx), background=False
        )
        walk_window(app.window, qapp, (combo.width, combo.height), combo.lang, combo.large)
        yield combo, app.window
        translator.set_language("fr")  # while the context still listens: direction back to LTR
        app.close()
        ctx.close()
        ctx.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if combo.large:  # restyling a window's thousands of widgets is slow: after it is gone
            theme.apply(qapp, False)

    return walk


walk = make_walk([c for c in ALL_COMBOS if not c.large])


@pytest.mark.parametrize("screen", SCREENS)
def test_screen_fits(walk, screen: str, qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.app import leave, visit

    combo, window = walk
    size = QSize(combo.width, combo.height)
    visit(window, qapp, screen)
    try:
        assert screen == window.current.NAME
        offences = check_window(window, size, screen, window.walk_roots())
    finally:
        leave(window, screen)
    report = "\n".join(str(o) for o in offences)
    assert not offences, f"{len(offences)} problems on {screen} at {combo}:\n{report}"


def test_the_check_finds_a_cut_label_and_a_small_button(walk, qapp) -> None:  # type: ignore[no-untyped-def]
    """The walk can fail: a label too narrow for its words, a tiny button, a control
    pushed out of the window are each reported."""
    from PySide6.QtWidgets import QLabel, QPushButton

    from ui.app import visit

    combo, window = walk
    visit(window, qapp, "home")
    home = window.current
    label = QLabel("Un texte beaucoup trop long pour sa boîte", home.content)
    label.setGeometry(10, 10, 60, 30)
    small = QPushButton("OK", home.content)
    small.setGeometry(100, 100, 30, 30)
    outside = QPushButton("Dehors", window.centralWidget())
    outside.setGeometry(combo.width - 20, 10, 200, 60)
    for widget in (label, small, outside):
        widget.show()
    qapp.processEvents()
    try:
        offences = check_window(
            window, QSize(combo.width, combo.height), "home", [*window.walk_roots(), outside]
        )
    finally:
        for widget in (label, small, outside):
            widget.deleteLater()
    problems: dict[str, str] = {}
    for o in offences:
        problems[o.text] = problems.get(o.text, "") + o.problem + "; "
    assert "cut or elided" in problems[label.text()]
    assert "under 48 px" in problems["OK"]
    assert "leaves" in problems["Dehors"]


def test_staff_mode_fits(walk, qapp) -> None:  # type: ignore[no-untyped-def]
    """Staff mode covers the window: the PIN entry and every page of the panel fit too."""
    from ui.app import settle
    from ui.staff.mode import StaffOverlay
    from ui.staff.pages import StaffActions

    combo, window = walk
    size = QSize(combo.width, combo.height)
    overlay = StaffOverlay(window, window.ctx, StaffActions())
    offences = []
    try:
        settle(window, qapp)
        offences += check_window(window, size, "staff-pin", [overlay])
        overlay._open_panel()
        panel = overlay.panel
        assert panel is not None
        for index in range(panel.stack.count()):
            panel.show_page(index)
            settle(window, qapp)
            name = f"staff-{type(panel.pages[index]).__name__}"
            offences += check_window(window, size, name, [overlay])
    finally:
        overlay.close_staff_mode()
    report = "\n".join(str(o) for o in offences)
    assert not offences, f"{len(offences)} problems in staff mode at {combo}:\n{report}"
