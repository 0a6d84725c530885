"""What every screen and widget shares: the kiosk's services and the person's choices.

The person's choices (language, listen-first, large text, volume) belong to one session and
go back to the configured defaults when it ends.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from kiosk import languages
from kiosk.config import Config
from kiosk.errors import Explained
from kiosk.i18n import LANGUAGES, translator
from kiosk.services import Kiosk
from kiosk.storage import is_storage_fault
from ui import theme
from ui.tasks import Tasks

log = logging.getLogger(__name__)


class UiContext(QObject):
    language_changed = Signal(str)
    modes_changed = Signal()
    error_shown = Signal(object)  # Explained
    result_shown = Signal(str, str)  # text, kind: the window's message area shows it
    help_requested = Signal(bool)  # a marker staff can see, until the session ends
    queued = Signal()  # something went into the outbox: deliver it now
    config_changed = Signal(object)  # staff saved settings: the new effective Config
    sync_changed = Signal(object)  # the scheduler's Snapshot, delivered on the UI thread
    finish_requested = Signal()  # the person touched "I've finished"
    storage_fault = Signal()  # the disk refused the session: it now lives in memory only

    def __init__(
        self, kiosk: Kiosk, parent: QObject | None = None, file_config: Config | None = None
    ) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.speaker = kiosk.speaker
        self.config = kiosk.config
        # The configuration file's values, under the staff overrides that make `config`.
        self.file_config = file_config or kiosk.config
        self.help_is_requested = False
        self.sync_snapshot: object | None = None
        self.tasks = Tasks(self.show_error, self)
        self.hold_ms = self.config.get_int("touch.hold_to_speak_ms")
        self.listen_first = self.config.get_bool("touch.listen_first")
        self.large_text = self.config.get_bool("display.large_text")
        self.armed: QObject | None = None  # the control a listen-first tap has spoken
        translator.on_change(self._language_changed)
        self._on_storage_fault = self.storage_fault.emit
        kiosk.sessions.fault_listeners.append(self._on_storage_fault)

    def close(self) -> None:
        """Detach from process-wide state (the translator outlives any one window)."""
        translator.off_change(self._language_changed)
        if self._on_storage_fault in self.kiosk.sessions.fault_listeners:
            self.kiosk.sessions.fault_listeners.remove(self._on_storage_fault)
        self.tasks.wait()

    # -- language -------------------------------------------------------------------------
    @property
    def language(self) -> str:
        return translator.language.code

    def enabled_languages(self) -> tuple[str, ...]:
        # The agency's order (language.order) first: the welcome screen and the chooser agree.
        return languages.ordered(
            self.config.get_list("language.enabled"), self.config.get_list("language.order")
        )

    def set_language(self, code: str) -> None:
        translator.set_language(code)

    def _language_changed(self, code: str) -> None:
        rtl = LANGUAGES[code].rtl
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setLayoutDirection(Qt.RightToLeft if rtl else Qt.LeftToRight)
        self.language_changed.emit(code)

    def apply_config(self, config: Config) -> None:
        """Staff saved settings: every part reads them from here from now on."""
        self.config = self.kiosk.config = config
        self.hold_ms = config.get_int("touch.hold_to_speak_ms")
        self.speaker.configure(
            config.get_int("speech.rate"), config.get_int("speech.default_volume")
        )
        self.config_changed.emit(config)

    def count(self, name: str) -> None:
        """One more of an anonymous daily counter; a disk problem never stops the person."""
        from kiosk.staff import counters

        try:
            counters.count(self.kiosk.store, name)
        except Exception as exc:
            if not is_storage_fault(exc):
                log.exception("counter %s could not be written", name)
            else:  # staff see the disk fault on the status line: no traceback per touch
                log.warning("counter %s could not be written: %s", name, exc)

    def can_send(self, kind: str) -> bool:
        """Whether an outbox item of `kind` has somewhere to go on this kiosk."""
        # What waits in the outbox lives in kiosk.db: on a disk that refuses writes, nothing
        # is promised that would live only in memory.
        return self.has_route(kind) and self.can_keep()

    def has_route(self, kind: str) -> bool:
        """Whether this kiosk is configured to deliver outbox items of `kind`."""
        from kiosk.sync.run import routes

        return kind in routes(self.config)

    def can_keep(self) -> bool:
        """Whether what the person keeps or sends can be written to disk right now."""
        return self.kiosk.sessions.durable

    # -- speech ---------------------------------------------------------------------------
    def say(self, text: str, language: str | None = None) -> None:
        if text:
            self.speaker.say(text, language or self.language)

    def say_parts(self, parts: Sequence[tuple[str, str | None]]) -> None:
        """One utterance, each part in its own voice (None: the person's language)."""
        said = [(text, language or self.language) for text, language in parts if text.strip()]
        if said:
            self.speaker.say_parts(said)

    def show_result(self, text: str, kind: str) -> None:
        """Every result is seen as well as heard: `text` (already translated) is said and
        shown in the window's message area, styled by `kind`: "success", "info" or "error".
        Empty text shows nothing. The message goes when the person leaves the screen (unless
        it was shown just before the screen changed) and when the visit ends."""
        from ui.widgets.message import KINDS

        if kind not in KINDS:
            raise ValueError(f"unknown message kind {kind!r}; one of {KINDS}")
        self.say(text)
        self.result_shown.emit(text, kind)

    def show_error(self, explained: Explained) -> None:
        """A failure: the calm sentence is shown and said (kind "error"); the precise one
        goes to staff mode's status page."""
        self.error_shown.emit(explained)
        self.show_result(explained.user, "error")

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
