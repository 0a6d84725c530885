"""The window: the bar, the help marker, notices, and one screen at a time.

It owns navigation, the live language switch and the inactivity flow: after the idle time a
spoken countdown; then the session ends and everything the person did not keep is wiped.
Staff diagnostics are never shown here: they belong to staff mode's status page.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Config
from kiosk.errors import Explained, explain
from kiosk.i18n import N_, _, format_number
from kiosk.session import IdleClock, IdleState
from kiosk.staff import counters
from ui.context import UiContext
from ui.forget import forget_person
from ui.screens import screen_classes
from ui.screens.base import Screen
from ui.screens.goodbye import GoodbyeScreen
from ui.screens.help import cancel as cancel_help
from ui.screens.still_here import StillHereScreen
from ui.screens.welcome import WelcomeScreen
from ui.staff.pin_entry import PinEntry
from ui.widgets.bar import Bar
from ui.widgets.message import MessageArea
from ui.widgets.spoken import SpokenButton, TLabel

log = logging.getLogger(__name__)

NOT_SAVED = N_(
    "This kiosk cannot save anything right now. You can look at offers and print. "
    "Nothing will be kept or sent."
)
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


class HelpBand(QFrame):
    """The marker staff see from across the room while a person waits for them; the person
    can cancel it. A band of its own under the bar, so it never squeezes the bar's labels."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "alert-band")
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 4, 24, 4)
        self.label = TLabel(ctx, N_("Help requested: a staff member is coming."), role="alert")
        self.label.setProperty("bar", True)
        self.cancel = SpokenButton(ctx, N_("I no longer need help"), "mdi6.close-circle")
        self.cancel.clicked.connect(lambda: cancel_help(ctx))
        row.addWidget(self.label, 1)
        row.addWidget(self.cancel)
        self.hide()


class MainWindow(QMainWindow):
    def __init__(self, ctx: UiContext, kiosk_mode: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.kiosk_mode = kiosk_mode
        self.staff_may_close = False  # only staff mode's "Exit the kiosk" sets it
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
        self.help_band = HelpBand(ctx)
        self.notice = MessageArea()  # every result, seen as well as heard
        self.stack = QStackedWidget()
        # The bar and the bands keep their full height; only the screen below gives way (and
        # scrolls), so no button of the bar is squeezed on a short screen.
        for part in (self.bar, self.help_band, self.notice):
            part.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        column.addWidget(self.bar)
        column.addWidget(self.help_band)
        column.addWidget(self.notice)
        column.addWidget(self.stack, 1)
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
        self.bar.finish_requested.connect(self.finish)
        ctx.language_changed.connect(self._language_changed)
        ctx.error_shown.connect(self._error_shown)
        ctx.result_shown.connect(self.notice.show_result)
        ctx.help_requested.connect(self._help_requested)
        ctx.config_changed.connect(self._config_changed)
        ctx.storage_fault.connect(self._tell_not_saved)
        self._told_not_saved = False

        self.idle = IdleClock(
            ctx.config.get_int("session.idle_seconds"),
            ctx.config.get_int("session.warning_seconds"),
        )
        self._goodbye_timer = QTimer(self)
        self._goodbye_timer.setSingleShot(True)
        self._goodbye_timer.setInterval(GoodbyeScreen.SECONDS * 1000)
        self._goodbye_timer.timeout.connect(self._after_goodbye)
        self.help_band.setVisible(ctx.help_is_requested)
        self._before_warning = "home"
        self._last_spoken_second = -1
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
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
        if screen is not self.stack.currentWidget():
            self.notice.screen_changed()
        self.stack.setCurrentWidget(screen)
        self.bar.home.setVisible(name not in ("welcome", "home", "still_here", "goodbye"))
        self.bar.finish.setVisible(name not in ("welcome", "goodbye"))
        self.bar.offer_language(name not in ("welcome", "goodbye"))
        # The help screen has its own big "I no longer need help": the band stays, slimmer.
        self.help_band.cancel.setVisible(name != "help")
        self.ctx.disarm()
        screen.shown()
        if speak:
            self.ctx.say(screen.spoken_intro())

    def repeat(self) -> None:
        self.ctx.say(self.current.spoken_intro())

    # -- the session ----------------------------------------------------------------------
    def start_session(self, language: str) -> None:
        self._goodbye_timer.stop()
        self.notice.clear()  # nothing of the last person's visit
        self.ctx.set_language(language)
        self._told_not_saved = False
        try:
            self.ctx.kiosk.sessions.start(language)
        except Exception as exc:  # not a disk fault (those start in memory): a bug, said calmly
            self.ctx.show_error(explain(exc, "session start"))
        self.ctx.count(counters.SESSIONS)
        self.ctx.count(counters.language(language))
        self.idle.touch(time.monotonic())
        self._timer.start()
        self.show_screen("home")
        if not self.ctx.can_keep():
            self._tell_not_saved()

    def _tell_not_saved(self) -> None:
        """The disk refused the session (full, read-only): the person hears and sees, once,
        that nothing will be kept or sent; the screens stop offering it (ctx.can_keep)."""
        if self._told_not_saved or self.ctx.kiosk.sessions.current is None:
            return
        self._told_not_saved = True
        self.ctx.show_result(_(NOT_SAVED), "info")

    def end_session(self) -> None:
        """Wipe what the person did not keep and get ready for the next one."""
        self._timer.stop()
        self._goodbye_timer.stop()
        self._wipe()
        self.ctx.reset_for_next_person()
        self.show_screen("welcome", speak=False)

    def finish(self) -> None:
        """ "I've finished": the person's data is wiped at once, then a goodbye is shown and
        said in their language; the language and modes go back to the defaults after it."""
        self._timer.stop()
        self._wipe()
        self.show_screen("goodbye")
        self._goodbye_timer.start()

    def _after_goodbye(self) -> None:
        if self.current.NAME == "goodbye":
            self.ctx.reset_for_next_person()
            self.show_screen("welcome", speak=False)

    def _wipe(self) -> None:
        if self.ctx.help_is_requested:
            cancel_help(self.ctx)
        self.notice.clear()
        try:
            self.ctx.kiosk.sessions.end()  # rows, then the write-ahead log
        except Exception as exc:
            log.exception("session could not be wiped")
            self.ctx.kiosk.problems.append(f"session wipe failed: {type(exc).__name__}: {exc}")
        # Hidden screens still hold what the person typed or chose: they empty now, not when
        # the next person reaches them. Audio of what they typed lived in memory only.
        # A staff PIN entry left open is wiped too (a PIN shown to check it goes back to dots).
        forget_person(self.ctx, [*self.screens.built(), *self.findChildren(PinEntry)])
        self.ctx.speaker.forget_private()

    def _help_requested(self, on: bool) -> None:
        self.help_band.setVisible(on)
        # While the person waits for the staff member they were promised, the session is
        # not wiped under them: the idle time grows to session.help_wait_seconds.
        config = self.ctx.config
        key = "session.help_wait_seconds" if on else "session.idle_seconds"
        self.idle.idle_seconds = config.get_int(key)

    def _config_changed(self, config: Config) -> None:
        key = "session.help_wait_seconds" if self.ctx.help_is_requested else "session.idle_seconds"
        self.idle.idle_seconds = config.get_int(key)

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
        if self.current not in (self.welcome, self.screens["goodbye"]):
            self.ctx.say(self.current.spoken_intro())

    def _error_shown(self, explained: Explained) -> None:
        """Staff find the precise sentence in staff mode's status page; the person sees and
        hears the calm one through ctx.show_result."""
        problems = self.ctx.kiosk.problems
        if explained.technical not in problems:
            problems.append(explained.technical)
            del problems[:-20]  # the newest few; the log keeps them all

    def walk_roots(self) -> list[QWidget]:
        """What a person sees now, for ui/fits.py: the bar, the bands, the current screen."""
        return [self.bar, self.help_band, self.notice, self.current]

    # -- the screen: never larger than it -------------------------------------------------
    def fit_to_screen(self, size: QSize | None = None) -> QSize:
        """The window never grows past the screen: its maximum is the screen's available
        area (or `size`, for screenshots and tests that stand for a given screen); in kiosk
        mode it is exactly that. Returns the size used."""
        if size is None:
            screen = self.screen() or QApplication.primaryScreen()
            size = screen.availableGeometry().size() if screen is not None else QSize(1280, 800)
        self.setMaximumSize(size)
        if self.kiosk_mode:
            self.setFixedSize(size)
        elif self.width() > size.width() or self.height() > size.height():
            self.resize(self.size().boundedTo(size))
        return size

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
