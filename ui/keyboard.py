"""On-screen keyboard: the kiosk has no physical keyboard.

Every key is big, never takes the focus (the text field keeps its cursor), and says its name
through the optional `speak` callback so that people who read little hear what they typed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import N_, _

log = logging.getLogger(__name__)

LETTER_LAYOUTS = ("azerty", "abc", "arabic")
LAYOUTS = (*LETTER_LAYOUTS, "123", "accents")

KEY_SIZE = 64
FONT_PIXELS = 28
SPACING = 8

_ROWS: dict[str, tuple[tuple[str, ...], ...]] = {
    # Apostrophe and hyphen sit with the letters: French names need them (O'Neil, Jean-Marc).
    "azerty": (tuple("azertyuiop"), tuple("qsdfghjklm"), (*"wxcvbn", "'", "-")),
    "abc": (tuple("abcdefghij"), tuple("klmnopqrst"), (*"uvwxyz", "'", "-")),
    # Standard Arabic (101) keyboard. The hamza forms are shifted keys on a physical keyboard;
    # they get their own keys here because names need them and the Arabic page has no shift.
    "arabic": (
        ("ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح", "ج", "د", "ذ"),
        ("ش", "س", "ي", "ب", "ل", "ا", "ت", "ن", "م", "ك", "ط", "أ"),
        ("ئ", "ء", "ؤ", "ر", "لا", "ى", "ة", "و", "ز", "ظ", "إ", "آ"),
    ),
    "123": (
        tuple("1234567890"),
        ("@", ".", "-", "_", "'", ",", "+", "/", "(", ")"),
        ("!", "?", ":", ";", "&", "#", "€", "%"),
    ),
    "accents": (tuple("éèêëàâ"), tuple("çùûüôîïœ")),
}

# Bottom row of each page: command names, see _COMMANDS.
_CONTROLS: dict[str, tuple[str, ...]] = {
    "azerty": ("shift", "123", "accents", "abc", "arabic", "space", "backspace", "enter", "hide"),
    "abc": ("shift", "123", "accents", "azerty", "arabic", "space", "backspace", "enter", "hide"),
    "arabic": ("123", "azerty", "abc", "space", "backspace", "enter", "hide"),
    "123": ("letters", "space", "backspace", "enter", "hide"),
    "accents": ("shift", "letters", "123", "space", "backspace", "enter", "hide"),
}

# Pages whose letters have capitals; elsewhere shift would silently do nothing.
_CASED = frozenset({"azerty", "abc", "accents"})


@dataclass(frozen=True)
class _Command:
    spoken: str  # message id, also the accessible name
    width: int = 1  # in key widths
    label: str | None = None  # untranslated glyph or proper name; None: the translated spoken


_COMMANDS: dict[str, _Command] = {
    "shift": _Command(N_("Capital letter"), label="⇧"),
    "space": _Command(N_("Space"), width=4),
    "backspace": _Command(N_("Delete"), width=2),
    "enter": _Command(N_("OK"), width=2),
    "hide": _Command(N_("Hide keyboard"), width=2),
    # Layout names are shown as themselves: a French speaker looks for "AZERTY", an Arabic
    # speaker for "عربي", whatever the interface language.
    "azerty": _Command(N_("AZERTY keyboard"), label="AZERTY"),
    "abc": _Command(N_("Alphabetical keyboard"), label="ABC"),
    "arabic": _Command(N_("Arabic keyboard"), label="عربي"),
    "123": _Command(N_("Numbers"), label="123"),
    "accents": _Command(N_("Accents"), label="é à ç"),
    "letters": _Command(N_("Letters")),  # label depends on the page it returns to
}


@dataclass(frozen=True)
class _Key:
    name: str  # the character typed, or a command name
    is_char: bool


Target = QLineEdit | QTextEdit


class OnScreenKeyboard(QWidget):
    key_pressed = Signal(str)
    submitted = Signal()
    closed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        speak: Callable[[str], None] | None = None,
        layout: str = "azerty",
    ) -> None:
        super().__init__(parent)
        self._speak = speak
        self._target: Target | None = None
        self._secret = False
        self._shift = False
        self._letters = "azerty"  # the letter layout the "Letters" key returns to
        self._page = layout
        self._buttons: dict[str, list[tuple[QPushButton, _Key]]] = {}
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        font = self.font()
        font.setPixelSize(FONT_PIXELS)
        self.setFont(font)

        self._stack = QStackedWidget(self)
        self._pages: dict[str, QWidget] = {}
        for name in LAYOUTS:
            self._pages[name] = self._build_page(name)
            self._stack.addWidget(self._pages[name])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        outer.addWidget(self._stack)
        self.set_layout(layout)

    # --- public API -------------------------------------------------------------------------

    def layout(self) -> str:  # type: ignore[override]  # QWidget.layout() is not needed here
        return self._page

    def set_layout(self, name: str) -> None:
        if name not in LAYOUTS:
            raise ValueError(f"unknown keyboard layout {name!r}, expected one of {LAYOUTS}")
        self._page = name
        if name in LETTER_LAYOUTS:
            self._letters = name
        if name not in _CASED:
            self._shift = False
        self._stack.setCurrentWidget(self._pages[name])
        self._refresh()

    def set_target(self, widget: Target | None) -> None:
        self._target = widget

    def target(self) -> Target | None:
        # The screen owning the field may have been destroyed while the keyboard lives on.
        if self._target is not None and not shiboken6.isValid(self._target):
            self._target = None
        return self._target

    @property
    def secret(self) -> bool:
        return self._secret

    def set_secret(self, secret: bool) -> None:
        self._secret = secret

    def shift(self) -> bool:
        return self._shift

    def keys(self) -> list[QPushButton]:
        """The keys of the page on screen."""
        return [button for button, _key in self._buttons[self._page]]

    def press(self, label: str) -> None:
        """Click the key typing `label`, or the command of that name, label or spoken name."""
        for button, key in self._buttons[self._page]:
            if label in (key.name, button.text(), button.accessibleName()):
                button.click()
                return
        raise KeyError(f"no key {label!r} on the {self._page} page")

    def retranslate(self) -> None:
        self._refresh()

    # --- building ---------------------------------------------------------------------------

    def _build_page(self, page: str) -> QWidget:
        widget = QWidget(self)
        column = QVBoxLayout(widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING)
        self._buttons[page] = []

        # Key positions are a spatial map (a phone's AZERTY, a physical Arabic keyboard) that
        # must not be mirrored in a right-to-left interface; only the command row follows
        # the reading direction.
        letters = QWidget(widget)
        letters.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        rows = QVBoxLayout(letters)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(SPACING)
        widest = max(len(row) for row in _ROWS[page])
        for chars in _ROWS[page]:
            row = QHBoxLayout()
            row.setSpacing(SPACING)
            # Stretches in half keys so shorter rows are centred with keys as wide as the rest.
            margin = widest - len(chars)
            row.addStretch(margin)
            for char in chars:
                row.addWidget(self._make_key(page, _Key(char, is_char=True)), 2)
            row.addStretch(margin)
            rows.addLayout(row, 1)
        column.addWidget(letters, len(_ROWS[page]))

        controls = QHBoxLayout()
        controls.setSpacing(SPACING)
        for name in _CONTROLS[page]:
            button = self._make_key(page, _Key(name, is_char=False))
            controls.addWidget(button, 2 * _COMMANDS[name].width)
            if name == "shift":
                button.setCheckable(True)  # the theme shows :checked while shift is armed
        column.addLayout(controls, 1)
        return widget

    def _make_key(self, page: str, key: _Key) -> QPushButton:
        button = QPushButton()
        button.setObjectName("key")
        button.setProperty("role", "key")
        button.setProperty("command", "" if key.is_char else key.name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRepeat(False)
        button.setMinimumSize(KEY_SIZE, KEY_SIZE)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.clicked.connect(partial(self._activate, key))
        self._buttons[page].append((button, key))
        return button

    # --- labels -----------------------------------------------------------------------------

    def _char(self, key: _Key) -> str:
        return key.name.upper() if self._shift and self._page in _CASED else key.name

    def _label(self, key: _Key) -> str:
        if key.is_char:
            return self._char(key)
        command = _COMMANDS[key.name]
        if key.name == "letters":
            return "أ ب ت" if self._letters == "arabic" else "abc"
        if key.name == "backspace":
            return f"⌫ {_(command.spoken)}"
        return command.label if command.label is not None else _(command.spoken)

    def _spoken(self, key: _Key) -> str:
        if key.is_char:
            return self._char(key)
        return _(_COMMANDS[key.name].spoken)

    def _refresh(self) -> None:
        # Only the page on screen: set_layout() refreshes a page when it is shown.
        for button, key in self._buttons[self._page]:
            button.setText(self._label(key))
            button.setAccessibleName(self._spoken(key))
            # Stretch factors share the width regardless of text; a translated label such as
            # "Masquer le clavier" must still fit whole.
            button.setMinimumWidth(max(KEY_SIZE, button.sizeHint().width()))
            if key.name == "shift" and not key.is_char:
                button.setChecked(self._shift)

    # --- typing -----------------------------------------------------------------------------

    def _activate(self, key: _Key, _checked: bool = False) -> None:
        if key.is_char:
            text = self._char(key)
            self._insert(text)
            self._say(_("key") if self._is_secret() else text)
            if self._shift:
                self._shift = False  # one capital, as on a phone
                self._refresh()
            self.key_pressed.emit(text)
            return

        self._say(self._spoken(key))
        name = key.name
        if name == "shift":
            self._shift = not self._shift
            self._refresh()
        elif name == "space":
            self._insert(" ")
        elif name == "backspace":
            self._backspace()
        elif name == "letters":
            self.set_layout(self._letters)
        elif name in LAYOUTS:
            self.set_layout(name)
        self.key_pressed.emit(name)
        if name == "enter":
            self.submitted.emit()
        elif name == "hide":
            self.hide()
            self.closed.emit()

    def _is_secret(self) -> bool:
        # A password-echo field is secret even if the screen forgot set_secret(True): better
        # to say "key" once too often than to read a code aloud.
        target = self.target()
        hidden = isinstance(target, QLineEdit) and target.echoMode() != QLineEdit.EchoMode.Normal
        return self._secret or hidden

    def _say(self, text: str) -> None:
        if self._speak is None:
            return
        try:
            self._speak(text)
        except Exception:  # a broken voice must never stop someone from typing
            log.exception("key echo failed")

    def _insert(self, text: str) -> None:
        target = self.target()
        if target is None or target.isReadOnly():
            return
        if isinstance(target, QLineEdit):
            target.insert(text)
        else:
            target.insertPlainText(text)

    def _backspace(self) -> None:
        target = self.target()
        if target is None or target.isReadOnly():
            return
        if isinstance(target, QLineEdit):
            target.backspace()
            return
        cursor = target.textCursor()
        if cursor.hasSelection():
            cursor.removeSelectedText()
        else:
            cursor.deletePreviousChar()
        target.setTextCursor(cursor)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
