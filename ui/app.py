"""Starting the Qt front end: run, self-test, screenshots. Called by `kiosk.cli`."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kiosk.config import Config

log = logging.getLogger(__name__)
STARTED = time.perf_counter()


def _needs_display() -> str | None:
    """None if a window can be shown, else a one-line reason."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return None
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return (
            "kiosk: no display found (DISPLAY and WAYLAND_DISPLAY are unset): start it from a "
            "desktop session, or try `xvfb-run make run`, or `kiosk self-test` headless"
        )
    return None


def _application(offscreen: bool = False):  # type: ignore[no-untyped-def]
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from ui import theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("france-travail-kiosk")
    theme.apply(app)
    return app


@contextmanager
def _window(
    config: Config,
    kiosk_mode: bool = False,
    speaker_factory: Callable | None = None,  # type: ignore[type-arg]
    background: bool = False,
) -> Iterator:  # type: ignore[type-arg]
    """The whole kiosk from `ui.assembly` (the same for run, self-test and screenshots)."""
    from ui.assembly import assemble

    kiosk_app = assemble(
        config, kiosk_mode=kiosk_mode, speaker_factory=speaker_factory, background=background
    )
    try:
        yield kiosk_app.window
    finally:
        kiosk_app.close()


def run(config: Config, kiosk_mode: bool = False, exit_when_shown: bool = False) -> int:
    reason = _needs_display()
    if reason:
        print(reason, file=sys.stderr)
        return 3
    app = _application()
    from PySide6.QtCore import QSize, QTimer

    with _window(config, kiosk_mode, background=True) as window:
        screen = app.primaryScreen()
        if kiosk_mode:
            # Without a window manager (a bare X session on a kiosk) full-screen is only a
            # hint: cover the screen explicitly.
            if screen is not None:
                window.fit_to_screen(screen.geometry().size())
                window.setGeometry(screen.geometry())
            window.showFullScreen()
        else:
            available = window.fit_to_screen()
            window.resize(QSize(1280, 860).boundedTo(available))
            window.show()
        if exit_when_shown:

            def shown() -> None:
                print(
                    f"kiosk: welcome shown after {time.perf_counter() - STARTED:.3f} s", flush=True
                )
                app.quit()

            QTimer.singleShot(0, shown)
        return int(app.exec())


def self_test(config: Config) -> int:
    """Headless: open the databases, build every screen, synthesise one phrase."""
    app = _application(offscreen=True)
    failures: list[str] = []

    def check(name: str, action: Callable[[], str]) -> None:
        try:
            detail = action()
        except Exception as exc:  # a self-test reports every failure, it never stops at one
            log.exception("self-test: %s failed", name)
            failures.append(name)
            print(f"FAIL  {name}: {type(exc).__name__}: {exc}")
        else:
            print(f"ok    {name}: {detail}")

    from kiosk.catalogue import catalogue_info
    from kiosk.speech import Pyttsx3Synthesizer
    from kiosk.speech.fake import SilentSpeaker

    with _window(config, speaker_factory=lambda _c, _d: SilentSpeaker()) as window:
        info = catalogue_info(window.ctx.kiosk.catalogue)
        check(
            "databases",
            lambda: f"{info.offers} offers ({info.kind}), {info.occupations} occupations",
        )
        for name in list(window.screens):
            check(f"screen {name}", lambda n=name: _show(window, n, app))
        for code in config.get_list("language.enabled"):
            check(f"language {code}", lambda c=code: _switch(window, c, app))

        def staff_mode() -> str:
            # Staff screens are not in window.screens: built here so a bundle missing them (or
            # QtPrintSupport) fails its self-test.
            from ui.staff.mode import StaffPanel

            panel = StaffPanel(window.ctx)
            panel.resize(1280, 800)
            image = panel.grab()
            printer = panel.status.fields["printer"].text()
            panel.deleteLater()
            return f"{image.width()}x{image.height()}, printer: {printer}"

        check("staff mode", staff_mode)
        check(
            "speech",
            lambda: f"{len(Pyttsx3Synthesizer().synthesize('Bonjour.', 'fr', 150))} bytes of WAV",
        )
        problems = window.ctx.kiosk.status_line()
        print(f"note  status: {problems or 'no problems'}")
    print("self-test: " + ("FAILED: " + ", ".join(failures) if failures else "all checks passed"))
    return 1 if failures else 0


def _show(window, name: str, app) -> str:  # type: ignore[no-untyped-def]
    window.show_screen(name, speak=False)
    app.processEvents()
    image = window.grab()
    if image.isNull():
        raise RuntimeError("rendered nothing")
    return f"{image.width()}x{image.height()}"


def _switch(window, code: str, app) -> str:  # type: ignore[no-untyped-def]
    window.ctx.set_language(code)
    app.processEvents()
    return window.current.title.text()


# The person's path through the kiosk; screens added later come after these, by name.
_FIRST = ("welcome", "home", "help", "still_here", "find_job", "domains", "occupations")
_SEARCH = ("offers", "offer", "towns", "cv_start", "cv_find")


def walk_order(screens: Any) -> list[str]:
    """Every screen's name, in the order a person meets them."""
    from ui.cv.flow import STEPS

    known = [*_FIRST, *_SEARCH, *STEPS]
    order = [n for n in known if n in screens]
    return order + sorted(n for n in screens if n not in order)


def walk_scene(window: Any, lang: str) -> None:
    """What a person would have on screen: a search for "boulanger" with its first offer open,
    a domain being browsed, and a short CV in the wizard."""
    from kiosk.cv.samples import arabic_cv, short_cv
    from ui.cv.state import state_for as cv_state
    from ui.search.state import Question
    from ui.search.state import state_for as search_state

    search = search_state(window.ctx)
    search.fresh()
    search.question = Question("query", "boulanger")
    search.domain = "D"
    found = search.search_job(limit=1)()
    search.offer_id = found.offers[0].id if found.offers else None
    cv = cv_state(window.ctx)
    cv.fresh()
    cv.save(arabic_cv() if lang == "ar" else short_cv(lang))


def settle(window: Any, app: Any, timeout_s: float = 10.0) -> None:
    """Process events until the screen's work off the UI thread has come back."""
    deadline = time.monotonic() + timeout_s
    app.processEvents()
    while window.ctx.tasks.pending() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(3):
        app.processEvents()


def visit(window: Any, app: Any, name: str) -> None:
    """Show one screen as a person would see it during the walk."""
    window.idle.touch(time.monotonic())  # a slow machine must not end the visit mid-walk
    if name == "still_here":
        window.still_here.set_seconds(17)
    window.show_screen(name, speak=False)
    settle(window, app)


def leave(window: Any, name: str) -> None:
    """After a screen of the walk: go on as a person who no longer waits for help would."""
    if name == "help":
        from ui.screens.help import cancel

        cancel(window.ctx)


def walk_window(window: Any, app: Any, size: tuple[int, int], lang: str, large: bool) -> None:
    """The window as on a kiosk whose screen is `size`: fixed to it, session started."""
    from PySide6.QtCore import QSize, Qt

    from kiosk.i18n import LANGUAGES

    # The direction is process-wide: an earlier window in another language must not leave
    # its direction behind when this language is already the current one.
    rtl = LANGUAGES[lang].rtl
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    )
    window.fit_to_screen(QSize(*size))
    window.resize(*size)
    window.show()
    window.ctx.set_large_text(large)
    window.start_session(lang)
    walk_scene(window, lang)
    settle(window, app)


def screenshots(
    config: Config,
    out: Path,
    lang: str,
    large_text: bool = False,
    size: tuple[int, int] = (1920, 1080),
) -> int:
    """Render every screen to `out/NN-name-LANG[-large]-WxH.png`, as a person would see it
    on a screen of `size`, and count what does not fit (ui/fits.py)."""
    app = _application(offscreen=True)
    from kiosk.speech.fake import RecordingSpeaker
    from ui.fits import check_window
    from ui.keyboard import OnScreenKeyboard

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    offences = []
    screen = _qsize(size)
    with _window(
        config, kiosk_mode=True, speaker_factory=lambda _c, _d: RecordingSpeaker()
    ) as window:
        walk_window(window, app, size, lang, large_text)
        suffix = f"{lang}{'-large' if large_text else ''}-{size[0]}x{size[1]}"
        for i, name in enumerate(walk_order(window.screens), start=1):
            visit(window, app, name)
            path = out / f"{i:02d}-{name}-{suffix}.png"
            window.grab().save(str(path))
            written.append(path)
            offences += check_window(window, screen, name, window.walk_roots())
            leave(window, name)
        layouts = {
            "fr": ["azerty", "accents", "123"],
            "en": ["abc", "123"],
            "ar": ["arabic", "123"],
        }
        for layout in layouts.get(lang, ["azerty"]):
            keyboard = OnScreenKeyboard(layout=layout)
            keyboard.resize(size[0], min(480, size[1] // 2))
            keyboard.show()
            app.processEvents()
            path = out / f"{len(written) + 1:02d}-keyboard-{layout}-{suffix}.png"
            keyboard.grab().save(str(path))
            keyboard.close()
            written.append(path)
    for path in written:
        print(path)
    for offence in offences:
        print(f"does not fit: {offence}")
    print(f"{len(offences)} texts or controls cut, off screen or too small at {suffix}")
    return 0


def _qsize(size: tuple[int, int]):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSize

    return QSize(*size)
