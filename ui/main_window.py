"""The window: the bar, the staff status line, and one screen at a time.

It owns navigation, the live language switch and the inactivity flow: after the idle time a
spoken countdown; then the session ends and everything the person did not keep is wiped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.errors import Explained
from kiosk.i18n import _, format_number
from kiosk.session import IdleClock, IdleState
from ui.context import UiContext
from ui.screens import screen_classes
from ui.screens.base import Screen
from ui.screens.still_here import StillHereScreen
from ui.screens.welcome import WelcomeScreen
from ui.widgets.bar import Bar
from ui.widgets.spoken import TLabel

SPOKEN_SECONDS = (10, 5, 3, 2, 1)  # the countdown is heard, not only seen
TOUCH_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class Screens(Mapping[str, Screen]):
    """Every screen by name, each built the first time it is asked for: the welcome screen
    shows without waiting for the thirty others (and their keyboards) to be made."""

    def __init__(self, classes: list[type[Screen]], build: Callable[[type[Screen]], Screen]):
        self._classes = {cls.NAME: cls for cls in classes}
        self._build = build
        self._built: dict[str, Screen] = {}

    def __getitem__(self, name: str) -> Screen:
        screen = self._built.get(name)
        if screen is None:
            screen = self._built[name] = self._build(self._classes[name])
        return screen

    def __iter__(self) -> Iterator[str]:
        return iter(self._classes)

    def __len__(self) -> int:
        return len(self._classes)

    def built(self) -> list[Screen]:
        return list(self._built.values())


class MainWindow(QMainWindow):
    def __init__(self, ctx: UiContext, kiosk_mode: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.kiosk_mode = kiosk_mode
        self.staff_may_close = False  # only staff mode (a later issue) sets it
        self.setWindowTitle("France Travail")
        if kiosk_mode:
            self.setWindowFlags(
                Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
            )

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.bar = Bar(ctx)
        self.status = TLabel(ctx, lambda: self._status_text(), role="status")
        self.stack = QStackedWidget()
        column.addWidget(self.bar)
        column.addWidget(self.stack, 1)
        column.addWidget(self.status)
        self.setCentralWidget(central)

        self.screens = Screens(screen_classes(), self._build_screen)
        self.welcome = self.screens[WelcomeScreen.NAME]
        self.still_here = self.screens[StillHereScreen.NAME]
        assert isinstance(self.welcome, WelcomeScreen)
        assert isinstance(self.still_here, StillHereScreen)
        self.welcome.language_chosen.connect(self.start_session)
        self.still_here.still_here.connect(self._resume)
        self.bar.home_requested.connect(lambda: self.show_screen("home"))
        self.bar.repeat_requested.connect(self.repeat)
        ctx.language_changed.connect(self._language_changed)
        ctx.error_shown.connect(self._error_shown)
        ctx.help_requested.connect(self.bar.set_help_requested)

        self.idle = IdleClock(
            ctx.config.get_int("session.idle_seconds"),
            ctx.config.get_int("session.warning_seconds"),
        )
        self._before_warning = "home"
        self._last_spoken_second = -1
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._refresh_status()
        self.show_screen("welcome", speak=False)

    # -- screens --------------------------------------------------------------------------
    def _build_screen(self, cls: type[Screen]) -> Screen:
        screen = cls(self.ctx)
        self.stack.addWidget(screen)
        screen.navigate.connect(self.show_screen)
        return screen

    @property
    def current(self) -> Screen:
        widget = self.stack.currentWidget()
        assert isinstance(widget, Screen)
        return widget

    def show_screen(self, name: str, speak: bool = True) -> None:
        screen = self.screens[name]
        self.stack.setCurrentWidget(screen)
        self.bar.home.setVisible(name not in ("welcome", "home", "still_here"))
        self.ctx.disarm()
        screen.shown()
        if speak:
            self.ctx.say(screen.spoken_intro())

    def repeat(self) -> None:
        self.ctx.say(self.current.spoken_intro())

    # -- the session ----------------------------------------------------------------------
    def start_session(self, language: str) -> None:
        self.ctx.set_language(language)
        self.ctx.kiosk.sessions.start(language)
        self.idle.touch(time.monotonic())
        self._timer.start()
        self.show_screen("home")

    def end_session(self) -> None:
        """Wipe what the person did not keep and get ready for the next one."""
        self._timer.stop()
        self.ctx.kiosk.sessions.end()
        self.ctx.help_requested.emit(False)
        self.ctx.reset_for_next_person()
        self.show_screen("welcome", speak=False)

    def tick(self, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        state = self.idle.state(now)
        if state is IdleState.ACTIVE:
            return
        if state is IdleState.EXPIRED:
            self.end_session()
            return
        left = self.idle.seconds_left(now)
        self.still_here.set_seconds(left)
        if self.current is not self.still_here:
            self._before_warning = self.current.NAME
            self.show_screen("still_here")
        elif left in SPOKEN_SECONDS and left != self._last_spoken_second:
            self.ctx.say(format_number(left))
        self._last_spoken_second = left

    def _resume(self) -> None:
        self.idle.touch(time.monotonic())
        self.show_screen(self._before_warning)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A touch anywhere keeps the session alive, except on the warning itself: there only
        # its button does, so a stray touch cannot silently cancel it.
        if (
            event.type() in TOUCH_EVENTS
            and self._timer.isActive()
            and self.current is not self.still_here
        ):
            self.idle.touch(time.monotonic())
        return False

    # -- language and status ----------------------------------------------------------------
    def _language_changed(self, _code: str) -> None:
        self.setLayoutDirection(QApplication.layoutDirection())
        self._refresh_status()
        if self.current is not self.welcome:
            self.ctx.say(self.current.spoken_intro())

    def _status_text(self) -> str:
        line = self.ctx.kiosk.status_line()
        return _("For staff: {problems}").format(problems=line) if line else ""

    def _refresh_status(self) -> None:
        self.status.retranslate()
        self.status.setVisible(bool(self.ctx.kiosk.status_line()))

    def _error_shown(self, explained: Explained) -> None:
        self.ctx.kiosk.problems.append(explained.technical)
        self._refresh_status()

    # -- kiosk mode: no way out without staff ------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.kiosk_mode and not self.staff_may_close:
            event.ignore()
            return
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.kiosk_mode and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)
