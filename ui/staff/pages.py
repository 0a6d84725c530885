"""The staff screens: status, actions, settings, counters, log. Built for touch, never spoken."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk import __version__
from kiosk.catalogue import catalogue_info
from kiosk.config import Config, ConfigError
from kiosk.errors import Explained, explain
from kiosk.i18n import LANGUAGES, N_, _
from kiosk.staff import counters, settings, status
from ui.context import UiContext
from ui.staff import codes
from ui.widgets.flow import ReflowGrid

log = logging.getLogger(__name__)
TOUCH = 64  # px: staff buttons are as easy to hit as the public ones
MB = 1024 * 1024
# Each in its own language (not translated): staff hear every enabled voice read its own words.
VOICE_SAMPLES = {
    "fr": "Ceci est un essai de la voix.",
    "en": "This is a voice test.",
    "ar": "هذا اختبار للصوت.",
    "es": "Esta es una prueba de voz.",
    "pt": "Isto é um teste de voz.",
    "ro": "Acesta este un test de voce.",
    "uk": "Це перевірка голосу.",
    "tr": "Bu bir ses denemesidir.",
    "fa": "این یک آزمایش صدا است.",
}


def button(text: str, action: Callable[[], None] | None = None) -> QPushButton:
    widget = QPushButton(text)
    widget.setMinimumHeight(TOUCH)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if action is not None:
        widget.clicked.connect(lambda _checked=False: action())
    return widget


@dataclass
class StaffActions:
    """What the action buttons do. None: the button says the action is not available."""

    sync_now: Callable[[], None] | None = None
    end_session: Callable[[], None] | None = None
    exit_kiosk: Callable[[], None] | None = None
    test_speech: Callable[[], None] | None = None
    print_test_page: Callable[[], str] | None = None  # returns where the page went


class StatusPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields: dict[str, QLabel] = {}
        self.retry_buttons: dict[str, QPushButton] = {}
        self.needs = QVBoxLayout()
        self._codes_wanted = 0  # questions about secret codes asked for so far
        self._codes_asking = False  # one is out on a worker
        column = QVBoxLayout(self)
        column.addLayout(self.form)
        column.addLayout(self.needs)
        column.addStretch(1)
        column.addWidget(button(_("Refresh"), self.refresh))
        self.refresh()

    def _set(self, name: str, label: str, value: str) -> None:
        if name not in self.fields:
            self.fields[name] = QLabel()
            self.fields[name].setWordWrap(True)
            self.form.addRow(label, self.fields[name])
        self.fields[name].setText(value)

    def refresh(self) -> None:
        kiosk = self.ctx.kiosk
        self._set("version", _("Version"), __version__)
        info = catalogue_info(kiosk.catalogue)
        updated = info.updated_at or _("unknown")
        self._set(
            "catalogue",
            _("Catalogue"),
            _("{offers} offers ({kind}), updated {when}").format(
                offers=info.offers, kind=info.kind, when=updated
            ),
        )
        self._sync(status.sync_view(kiosk.store))
        try:
            disk = status.disk_usage(kiosk.data_dir)
            free = _("{free} MB free of {total} MB").format(
                free=disk.free // MB, total=disk.total // MB
            )
        except OSError as exc:
            free = str(exc)
        self._set("disk", _("Disk"), free)
        speech = kiosk.speaker.problems()
        self._set("speech", _("Speech"), "; ".join(speech) if speech else _("Working"))
        from ui.staff.printing import printer_state

        self._set("printer", _("Printer"), printer_state(self.ctx.config.get_str("printer.name")))
        self._set("background", _("Background sync"), self._background())
        problems = kiosk.status_line()
        self._set("problems", _("Problems"), problems or _("None"))
        self.refresh_codes()

    def refresh_codes(self) -> None:
        """Whether secret codes are refused: asked on a worker (maybe the hub, over the network).

        One question at a time: with the hub away each one holds a worker of the shared pool
        (the person's searches use it too) for up to its timeout. A question wanted while one
        is out is asked when that one answers, and only the newest question's answer is shown:
        an answer from before "Accept secret codes again" would say "Refused" wrongly."""
        if "codes" not in self.fields:
            self._set("codes", _("Secret codes"), _("Checking…"))
        self._codes_wanted += 1
        if not self._codes_asking:
            self._ask_codes()

    def _ask_codes(self) -> None:
        asked = self._codes_wanted
        self._codes_asking = True

        def answered(text: str) -> None:
            if not shiboken6.isValid(self):  # staff may have closed the panel meanwhile
                return
            self._codes_asking = False
            if asked == self._codes_wanted:
                self._set("codes", _("Secret codes"), text)
            else:
                self._ask_codes()  # stale: a newer question waits, its answer is the one shown

        def shown(until: dt.datetime | None) -> None:
            answered(codes.state_text(until))

        def failed(explained: Explained) -> None:
            log.warning("secret codes' state unknown: %s", explained.technical)
            answered(_("Unknown: the saved CVs could not be reached"))

        self.ctx.tasks.run(codes.waiting_until(self.ctx), shown, failed, "staff codes state")

    def _background(self) -> str:
        """What the running kiosk's sync and delivery workers last did, in staff's words."""
        snap = self.ctx.sync_snapshot
        if snap is None:
            return _("Not running")
        online = {True: _("online"), False: _("offline"), None: _("not checked yet")}
        parts = [online[getattr(snap, "online", None)]]
        for attr in ("last_reason", "last_delivery"):
            text = getattr(snap, attr, "")
            if text:
                parts.append(str(text))
        return " — ".join(parts)

    def _sync(self, view: status.SyncView) -> None:
        last = view.last
        if last is None:
            text = _("Never")
        else:
            outcome = {True: _("succeeded"), False: _("failed"), None: _("did not finish")}
            text = f"{last.started_at} — {outcome[last.ok]}"
            if last.summary.get("error"):
                text += f" ({last.summary['error']})"
        self._set("sync", _("Last sync"), text)
        if not view.available:
            outbox = _("Not available on this kiosk")
        elif view.error:
            outbox = view.error
        else:
            outbox = _("{pending} waiting, {needs} need staff").format(
                pending=view.counts.get("pending", 0), needs=view.counts.get("needs_staff", 0)
            )
        self._set("outbox", _("Outbox"), outbox)
        while self.needs.count():
            item = self.needs.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.retry_buttons.clear()
        for entry in view.needs_staff:
            row = QWidget()
            line = QHBoxLayout(row)
            label = QLabel(f"{entry.kind}: {entry.last_error}")
            label.setWordWrap(True)
            line.addWidget(label, 1)
            retry = button(_("Retry"), lambda key=entry.key: self._retry(key))
            line.addWidget(retry)
            self.retry_buttons[entry.key] = retry
            self.needs.addWidget(row)

    def _retry(self, key: str) -> None:
        try:
            status.retry(self.ctx.kiosk.store, key)
        except Exception as exc:
            self.ctx.show_error(explain(exc, "outbox retry"))
        self.refresh()


class ActionsPage(QWidget):
    codes_changed = Signal()  # secret codes were accepted again: the status page says so

    def __init__(
        self, ctx: UiContext, actions: StaffActions, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.actions = ctx, actions
        self.result = QLabel()
        self.result.setWordWrap(True)
        grid = QGridLayout(self)
        self.buttons = {
            "sync": button(_("Sync now"), self.sync_now),
            "end_session": button(_("End the current session"), self.end_session),
            "speech": button(_("Test speech"), self.test_speech),
            "print": button(_("Print a test page"), self.print_test_page),
            "accept_codes": button(_("Accept secret codes again"), self.accept_codes),
            "exit": button(_("Exit the kiosk"), self.exit_kiosk),
        }
        for i, widget in enumerate(self.buttons.values()):
            grid.addWidget(widget, i // 2, i % 2)
        rows = (len(self.buttons) + 1) // 2
        grid.addWidget(self.result, rows, 0, 1, 2)
        grid.setRowStretch(rows + 1, 1)

    def _run(self, action: Callable[[], object] | None, done: str) -> None:
        if action is None:
            self.result.setText(_("Not available on this kiosk."))
            return
        try:
            action()
        except Exception as exc:
            explained = explain(exc, "staff action")
            self.result.setText(f"{explained.user} ({explained.technical})")
            return
        self.result.setText(done)

    def sync_now(self) -> None:
        self._run(self.actions.sync_now, _("Sync started."))

    def end_session(self) -> None:
        self._run(self.actions.end_session, _("The session has ended and was wiped."))

    def test_speech(self) -> None:
        self._run(self.actions.test_speech or self._say_samples, _("Speaking…"))

    def _say_samples(self) -> None:
        for code in self.ctx.enabled_languages():
            self.ctx.speaker.say(VOICE_SAMPLES.get(code, "OK"), code)

    def print_test_page(self) -> None:
        action = self.actions.print_test_page
        if action is None:
            from ui.staff.printing import print_test_page

            printer = self.ctx.config.get_str("printer.name")
            agency = self.ctx.config.get_str("agency.name")

            def action() -> str:
                return print_test_page(printer, agency=agency)

        where: list[str] = []
        self._run(lambda: where.append(action()), "")
        if where:
            self.result.setText(_("Test page sent to {printer}.").format(printer=where[0]))

    def exit_kiosk(self) -> None:
        self._run(self.actions.exit_kiosk, "")

    def accept_codes(self) -> None:
        """Lift the wait after too many wrong secret codes, where the kiosk's CVs are kept
        (the hub's answer may take seconds: a worker waits for it, the button waits too)."""
        self.buttons["accept_codes"].setEnabled(False)
        self.result.setText(_("Please wait a moment."))

        def done(text: str) -> None:
            if not shiboken6.isValid(self):
                return
            self.buttons["accept_codes"].setEnabled(True)
            self.result.setText(text)
            self.ctx.say(text)  # the person waiting at the desk hears it too

        def unlocked(answer: codes.Unlocked) -> None:
            log.info(
                "staff accepted secret codes again (they were refused: %s, at the hub: %s)",
                answer.was_waiting,
                answer.at_hub,
            )
            done(codes.unlocked_text(answer))
            if shiboken6.isValid(self):
                self.codes_changed.emit()

        def failed(explained: Explained) -> None:
            log.warning("secret codes not unlocked: %s", explained.technical)
            done(codes.unreachable_text())

        self.ctx.tasks.run(codes.unlock(self.ctx), unlocked, failed, "staff unlock codes")


class Stepper(QWidget):
    """[-] value [+]: spin boxes' arrows are too small for fingers."""

    def __init__(self, value: int, low: int, high: int, step: int) -> None:
        super().__init__()
        self.low, self.high, self.step = low, high, step
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setMinimumWidth(120)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.minus = button("−", lambda: self.set_value(self._value - self.step))
        self.plus = button("+", lambda: self.set_value(self._value + self.step))
        for widget in (self.minus, self.plus):
            widget.setMinimumWidth(TOUCH)
        row.addWidget(self.minus)
        row.addWidget(self.label)
        row.addWidget(self.plus)
        self._value = value
        self.set_value(value)

    def value(self) -> int:
        return self._value

    def set_value(self, value: int) -> None:
        self._value = max(self.low, min(self.high, value))
        self.label.setText(str(self._value))


class SettingsPage(QWidget):
    changed = Signal(object)  # the new effective Config

    def __init__(self, ctx: UiContext, file_config: Config, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.file_config = file_config
        current = settings.effective_config(file_config, ctx.kiosk.store)
        self.languages: dict[str, QPushButton] = {}
        row = ReflowGrid(max_columns=5, spacing=8)  # nine languages: as many a row as fit
        for code in LANGUAGES:
            chip = button(LANGUAGES[code].native_name)
            chip.setCheckable(True)
            chip.setProperty("role", "chip")
            chip.setChecked(code in current.get_list("language.enabled"))
            self.languages[code] = chip
            row.add(chip)
        self.idle = Stepper(current.get_int("session.idle_seconds"), 20, 3600, 10)
        self.volume = Stepper(current.get_int("speech.default_volume"), 0, 5, 1)
        self.rate = Stepper(current.get_int("speech.rate"), 80, 300, 10)
        self.printer = QComboBox()
        self.printer.setMinimumHeight(TOUCH)
        self.printer.addItem(_("System default printer"), "")
        from PySide6.QtPrintSupport import QPrinterInfo

        names = list(QPrinterInfo.availablePrinterNames())
        chosen = current.get_str("printer.name")
        if chosen and chosen not in names:
            names.append(chosen)
        for name in names:
            self.printer.addItem(name, name)
        self.printer.setCurrentIndex(max(0, self.printer.findData(chosen)))
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # large text at 1280 px
        form.addRow(QLabel(_("Languages offered")))
        form.addRow(row)  # the whole width: nine languages need it
        form.addRow(_("Seconds before 'Are you still there?'"), self.idle)
        form.addRow(_("Volume at the start of a session"), self.volume)
        form.addRow(_("Speech rate (words per minute)"), self.rate)
        form.addRow(_("Printer"), self.printer)
        buttons = QHBoxLayout()
        buttons.addWidget(button(_("Back to the configuration file"), self.reset))
        buttons.addWidget(button(_("Save"), self.save))
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addWidget(self.message)
        column.addStretch(1)

    def values(self) -> dict[str, object]:
        return {
            "language.enabled": [c for c, chip in self.languages.items() if chip.isChecked()],
            "session.idle_seconds": self.idle.value(),
            "speech.default_volume": self.volume.value(),
            "speech.rate": self.rate.value(),
            "printer.name": self.printer.currentData() or "",
        }

    def save(self) -> None:
        store = self.ctx.kiosk.store
        try:
            for key, value in self.values().items():
                from_file = self.file_config.values[key]
                same = list(from_file) == value if isinstance(from_file, tuple) else False
                if same or from_file == value:
                    settings.clear_override(store, key)
                else:
                    settings.set_override(store, key, value, self.file_config)
        except ConfigError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(_("Saved. The changes apply from the next person."))
        self.changed.emit(settings.effective_config(self.file_config, store))

    def reset(self) -> None:
        for key in settings.OVERRIDABLE:
            settings.clear_override(self.ctx.kiosk.store, key)
        self.message.setText(_("Back to the configuration file's settings."))
        self.changed.emit(self.file_config)


COUNTER_LABELS = {
    counters.SESSIONS: N_("Sessions"),
    counters.SEARCHES: N_("Searches"),
    counters.OFFERS_PRINTED: N_("Offers printed"),
    counters.OFFERS_SCANNED: N_("Offers scanned"),
    counters.CVS_MADE: N_("CVs made"),
    counters.HELP_REQUESTS: N_("Help requests"),
}


def counter_label(name: str) -> str:
    if name in COUNTER_LABELS:
        return _(COUNTER_LABELS[name])
    code = name.removeprefix("language_")
    if code != name and code in LANGUAGES:
        return LANGUAGES[code].native_name
    return name


class CountersPage(QWidget):
    DAYS = 14

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        column = QVBoxLayout(self)
        column.addWidget(self.table, 1)
        column.addWidget(button(_("Refresh"), self.refresh))
        self.refresh()

    def refresh(self, today: dt.date | None = None) -> None:
        data = counters.counters_for(self.ctx.kiosk.store, self.DAYS, today=today)
        names = list(counters.KNOWN) + sorted(
            {n for day in data.values() for n in day} - set(counters.KNOWN)
        )
        self.table.setRowCount(len(data))
        self.table.setColumnCount(len(names))
        self.table.setHorizontalHeaderLabels([counter_label(n) for n in names])
        self.table.setVerticalHeaderLabels([d.isoformat() for d in data])
        for row, day in enumerate(data.values()):
            for col, name in enumerate(names):
                self.table.setItem(row, col, QTableWidgetItem(str(day.get(name, 0))))
        self.table.resizeColumnsToContents()


class LogPage(QWidget):
    LINES = 300

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = self.text.font()
        font.setPixelSize(16)
        self.text.setFont(font)
        column = QVBoxLayout(self)
        column.addWidget(self.text, 1)
        column.addWidget(button(_("Refresh"), self.refresh))
        self.refresh()

    def refresh(self) -> None:
        for handler in logging.getLogger().handlers:
            handler.flush()
        lines = status.tail(self.ctx.kiosk.data_dir / "logs" / "kiosk.log", self.LINES)
        self.text.setPlainText("\n".join(lines) if lines else _("The log is empty."))
        scroll = self.text.verticalScrollBar()
        scroll.setValue(scroll.maximum())
