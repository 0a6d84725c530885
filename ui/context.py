"""What every screen and widget shares: the kiosk's services and the person's choices.

The person's choices (language, listen-first, large text, volume) belong to one session and
go back to the configured defaults when it ends.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from kiosk.errors import Explained
from kiosk.i18n import LANGUAGES, translator
from kiosk.services import Kiosk
from ui import theme
from ui.tasks import Tasks


class UiContext(QObject):
    language_changed = Signal(str)
    modes_changed = Signal()
    error_shown = Signal(object)  # Explained
    help_requested = Signal(bool)  # a marker staff can see, until the session ends

    def __init__(self, kiosk: Kiosk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.speaker = kiosk.speaker
        self.config = kiosk.config
        self.tasks = Tasks(self.show_error, self)
        self.hold_ms = self.config.get_int("touch.hold_to_speak_ms")
        self.listen_first = self.config.get_bool("touch.listen_first")
        self.large_text = self.config.get_bool("display.large_text")
        self.armed: QObject | None = None  # the control a listen-first tap has spoken
        translator.on_change(self._language_changed)

    def close(self) -> None:
        """Detach from process-wide state (the translator outlives any one window)."""
        translator.off_change(self._language_changed)
        self.tasks.wait()

    # -- language -------------------------------------------------------------------------
    @property
    def language(self) -> str:
        return translator.language.code

    def enabled_languages(self) -> tuple[str, ...]:
        return self.config.get_list("language.enabled")

    def set_language(self, code: str) -> None:
        translator.set_language(code)

    def _language_changed(self, code: str) -> None:
        rtl = LANGUAGES[code].rtl
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setLayoutDirection(Qt.RightToLeft if rtl else Qt.LeftToRight)
        self.language_changed.emit(code)

    # -- speech ---------------------------------------------------------------------------
    def say(self, text: str, language: str | None = None) -> None:
        if text:
            self.speaker.say(text, language or self.language)

    def show_error(self, explained: Explained) -> None:
        self.say(explained.user)
        self.error_shown.emit(explained)

    # -- modes ----------------------------------------------------------------------------
    def set_listen_first(self, on: bool) -> None:
        self.listen_first = on
        self.disarm()
        self.modes_changed.emit()

    def set_large_text(self, on: bool) -> None:
        self.large_text = on
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, on)
        self.modes_changed.emit()

    def disarm(self) -> None:
        if self.armed is not None:
            self.armed.setProperty("armed", False)
            _repolish(self.armed)
            self.armed = None

    def arm(self, widget: QObject) -> None:
        self.disarm()
        self.armed = widget
        widget.setProperty("armed", True)
        _repolish(widget)

    def reset_for_next_person(self) -> None:
        """Everything one person changed goes back to the deployment's defaults."""
        self.speaker.stop()
        self.speaker.reset_volume()
        self.set_listen_first(self.config.get_bool("touch.listen_first"))
        if self.large_text != self.config.get_bool("display.large_text"):
            self.set_large_text(self.config.get_bool("display.large_text"))
        self.set_language(self.config.get_str("language.default"))


def _repolish(widget: QObject) -> None:
    style = getattr(widget, "style", None)
    if style is not None:
        style().unpolish(widget)
        style().polish(widget)
