"""The staff PIN, typed on the kiosk's big digit keypad in secret mode: nothing is spoken."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QHideEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import _, ngettext
from kiosk.staff.pin import Attempt, StaffGate
from ui.keyboard import OnScreenKeyboard


class PinKeypad(OnScreenKeyboard):
    """The big digit keypad for the staff PIN. A PIN is digits only: "+" and the way to the
    letters would type nothing. And no "Show my code": on a public screen one tap would show
    the staff PIN to anyone near. The keypad shows that key again at every refresh (a wipe,
    a language), so it is hidden again after each one."""

    HIDDEN = ("show_code", "letters")

    def __init__(self) -> None:
        super().__init__(layout="keypad")

    def _refresh(self) -> None:
        super()._refresh()
        hidden = False
        for key in self.keys():
            if key.text() == "+" or key.property("command") in self.HIDDEN:
                hidden = hidden or not key.isHidden()
                key.hide()
        if hidden:
            self._fit_commands()  # the commands left may now fit on one row

    def _toggle_code(self) -> None:
        """Never: not even through the hidden key (an accessibility action)."""


class PinEntry(QWidget):
    accepted = Signal()
    cancelled = Signal()

    def __init__(self, gate: StaffGate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        column = QVBoxLayout(self)
        column.setContentsMargins(48, 24, 48, 24)
        self.title = QLabel(_("Staff mode"))
        self.title.setProperty("role", "title")
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(8)
        self.field.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,8}")))
        self.field.setAccessibleName(_("Staff PIN"))
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setMinimumHeight(72)
        self.message = QLabel(_("Type the staff PIN."))
        self.message.setWordWrap(True)
        # No `speak` callback at all, and secret mode on top: not even "key" is said.
        # The big keypad of the CV's codes, without its "Show my code" (PinKeypad).
        self.keyboard = PinKeypad()
        self.keyboard.set_secret(True)
        self.keyboard.set_target(self.field)
        self.keyboard.submitted.connect(self.submit)
        self.keyboard.closed.connect(self.cancelled)
        self.open_button = QPushButton(_("Open"))
        self.cancel_button = QPushButton(_("Cancel"))
        for button in (self.open_button, self.cancel_button):
            button.setMinimumHeight(64)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.open_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.cancelled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.open_button)
        column.addWidget(self.title)
        column.addWidget(self.message)
        column.addWidget(self.field)
        column.addLayout(buttons)
        column.addWidget(self.keyboard, 1)
        self._show_state()

    def _show_state(self) -> None:
        if not self.gate.enabled:
            self._say_result(Attempt("disabled"))
            return
        until = self.gate.locked_until()
        if until is not None:
            self._say_result(Attempt("locked", locked_until=until))

    def wipe(self) -> None:
        """No PIN stays typed, and a PIN shown to check it goes back to dots."""
        self.field.clear()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.keyboard.hide_code()

    def forget_person(self) -> None:
        """The session ended while the PIN entry was open (the window's wipe)."""
        self.wipe()

    def hideEvent(self, event: QHideEvent) -> None:
        self.wipe()
        super().hideEvent(event)

    def submit(self) -> None:
        pin = self.field.text()
        self.wipe()
        result = self.gate.attempt(pin)
        self._say_result(result)
        if result.accepted:
            self.accepted.emit()

    def _say_result(self, result: Attempt) -> None:
        """Shown, never spoken."""
        if result.outcome == "wrong":
            text = ngettext(
                "Wrong PIN. {tries} try left.", "Wrong PIN. {tries} tries left.", result.tries_left
            ).format(tries=result.tries_left)
        elif result.outcome == "locked" and result.locked_until is not None:
            local = result.locked_until.astimezone().strftime("%H:%M")
            text = _("Too many wrong PINs: staff mode is locked until {time}.").format(time=local)
        elif result.outcome == "disabled":
            text = _(
                "Staff mode is off: no staff PIN is set. A technician sets one with "
                "kiosk set-staff-pin."
            )
        else:
            text = ""
        self.message.setText(text)
        self.open_button.setEnabled(result.outcome not in ("locked", "disabled"))
