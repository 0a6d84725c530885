"""On-screen keyboard: the kiosk has no physical keyboard.

Every key is big, never takes the focus (the text field keeps its cursor), and says its name
through the optional `speak` callback so that people who read little hear what they typed.
Each language's letter layouts come from the registry (kiosk/languages.py); phone numbers,
codes and postcodes get a big digit keypad, a code can be shown to check it, and every page
has a key that empties the field.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
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

from kiosk import languages
from kiosk.i18n import N_, NC_, _

log = logging.getLogger(__name__)

LETTER_LAYOUTS = ("azerty", "abc", "arabic", "ukrainian", "persian", "turkish", "romanian")
LAYOUTS = (*LETTER_LAYOUTS, "123", "accents", "keypad")

KEY_SIZE = 64  # a key's least width
KEY_HEIGHT = 48  # a key's least height: a finger's, so a short window still shows every row
FONT_PIXELS = 28
SPACING = 8
KEYPAD_KEY = 150  # a digit key's width on the keypad
# Keys shrink to the room they get (five rows in 300 px at 1280x800): the words, which grow
# with large text, keep that room rather than a padding sized for a roomy button.
KEY_STYLE = 'QPushButton[role="key"] { padding: 0px 6px; }'

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
    # Ukrainian ЙЦУКЕН as on a Ukrainian phone, with ї, є, і and ґ in their places.
    "ukrainian": (
        tuple("йцукенгшщзхї"),
        tuple("фівапролджє"),
        (*"ячсмитьбю", "ґ", "'", "-"),
    ),
    # Standard Persian (ISIRI 9147) letters, as people from Afghanistan and Iran type them;
    # پ چ ژ گ and the Persian ی and ک are not on the Arabic page.
    "persian": (
        ("ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح", "ج", "چ"),
        ("ش", "س", "ی", "ب", "ل", "ا", "ت", "ن", "م", "ک", "گ", "پ"),
        ("ظ", "ط", "ز", "ر", "ذ", "د", "و", "ژ", "آ", "ئ", "ء", "أ"),
    ),
    # Turkish Q keyboard: ı and i are two letters, ğ ş ç ö ü have their own keys.
    "turkish": (
        tuple("qwertyuıopğü"),
        tuple("asdfghjklşi"),
        (*"zxcvbnmöç", "'", "-"),
    ),
    # Romanian standard keyboard: ă â î ș ț (comma below, the correct Romanian letters).
    "romanian": (
        tuple("qwertyuiopă"),
        (*"asdfghjkl", "ș", "ț"),
        (*"zxcvbnm", "â", "î", "'", "-"),
    ),
    "123": (
        tuple("1234567890"),
        ("@", ".", "-", "_", "'", ",", "+", "/", "(", ")"),
        ("!", "?", ":", ";", "&", "#", "€", "%"),
    ),
    # French first, then the Spanish, Portuguese, Turkish and Romanian ones.
    "accents": (
        tuple("éèêëàâáãä"),
        tuple("çùûüúôóõöœ"),
        tuple("îïíñăâșțğış"),
    ),
    "keypad": (tuple("123"), tuple("456"), tuple("789"), ("+", "0")),
}

# Bottom row of each page: command names, see _COMMANDS.
# "other" switches to the current language's next letter layout (see set_language).
_LETTER_CONTROLS = (
    "shift",
    "123",
    "accents",
    "other",
    "space",
    "backspace",
    "clear",
    "enter",
    "hide",
)
_CONTROLS: dict[str, tuple[str, ...]] = {
    **{name: _LETTER_CONTROLS for name in LETTER_LAYOUTS},
    "arabic": ("123", "other", "space", "backspace", "clear", "enter", "hide"),
    "persian": ("123", "other", "space", "backspace", "clear", "enter", "hide"),
    "123": ("letters", "space", "backspace", "clear", "enter", "hide"),
    "accents": ("shift", "letters", "123", "space", "backspace", "clear", "enter", "hide"),
    "keypad": ("show_code", "letters", "backspace", "clear", "enter", "hide"),
}

# Pages whose letters have capitals; elsewhere shift would silently do nothing.
_CASED = frozenset({"azerty", "abc", "accents", "ukrainian", "turkish", "romanian"})
# A letter's capital where str.upper() is wrong for the language: Turkish i has a dot.
_UPPER = {"i": "İ", "ı": "I"}


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
    "clear": _Command(N_("Clear all"), width=2),
    "show_code": _Command(N_("Show my code"), width=2),
    "other": _Command(N_("Other letters")),  # label: the layout it switches to
    # Layout names are shown as themselves: a French speaker looks for "AZERTY", an Arabic
    # speaker for "عربي", whatever the interface language.
    "azerty": _Command(N_("AZERTY keyboard"), label="AZERTY"),
    "abc": _Command(N_("Alphabetical keyboard"), label="ABC"),
    "arabic": _Command(N_("Arabic keyboard"), label="عربي"),
    "ukrainian": _Command(N_("Ukrainian keyboard"), label="АБВ"),
    "persian": _Command(N_("Persian keyboard"), label="فارسی"),
    "turkish": _Command(N_("Turkish keyboard"), label="Türkçe"),
    "romanian": _Command(N_("Romanian keyboard"), label="Română"),
    "123": _Command(NC_("keyboard key", "Numbers"), label="123"),
    "accents": _Command(N_("Accents"), label="é à ç"),
    "letters": _Command(N_("Letters")),  # label depends on the page it returns to
}


@dataclass(frozen=True)
class _Key:
    name: str  # the character typed, or a command name
    is_char: bool


Target = QLineEdit | QTextEdit


class _KeyButton(QPushButton):
    """A key as wide as its words need (at least KEY_SIZE) and at least a finger high: the
    words' width follows the theme, so large text widens a command, never cuts it."""

    def minimumSizeHint(self) -> QSize:
        return QSize(max(KEY_SIZE, self.sizeHint().width()), KEY_HEIGHT)


def hide_code(edit: QLineEdit) -> None:
    """A code box shown in plain text to check it ("Show my code") goes back to dots."""
    if edit.property("code"):
        edit.setEchoMode(QLineEdit.EchoMode.Password)


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
        self._cycle: tuple[str, ...] = ("azerty", "abc")  # the language's letter layouts
        self._page = layout
        self._buttons: dict[str, list[tuple[QPushButton, _Key]]] = {}
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        font = self.font()
        font.setPixelSize(FONT_PIXELS)
        self.setFont(font)
        # Only the padding: the words' size stays the theme's, so large text still grows them.
        self.setStyleSheet(KEY_STYLE)
        # Each page's command buttons in order, and their two rows: one row when it fits the
        # width, else two (nine commands in large text or a long language at 1280 px).
        self._commands: dict[str, list[tuple[QPushButton, int]]] = {}
        self._command_rows: dict[str, tuple[QHBoxLayout, QHBoxLayout]] = {}
        self._split: dict[str, int] = {}

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
        # Only the page on screen sets the keyboard's least size: a page left in one row of
        # long commands must not make the keyboard wider than the screen.
        for page, widget in self._pages.items():
            policy = QSizePolicy.Policy.Preferred if page == name else QSizePolicy.Policy.Ignored
            widget.setSizePolicy(policy, policy)
        self._stack.setCurrentWidget(self._pages[name])
        self._refresh()

    def set_language(self, code: str) -> None:
        """The letters of language ``code`` (from the registry), on its first layout."""
        found = tuple(k for k in languages.get(code).keyboards if k in LETTER_LAYOUTS)
        self._cycle = found or ("azerty",)
        self.set_layout(self._cycle[0])

    def set_target(self, widget: Target | None) -> None:
        self._target = widget
        self._refresh()  # "Show my code" is there only for a code

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
            if label in (key.name, button.text().replace("&&", "&"), button.accessibleName()):
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
        if page == "keypad":
            # Big keys, like a phone's: three columns as wide as the room allows up to a
            # phone's proportions, centred, not stretched across the screen.
            letters.setMaximumWidth(3 * KEYPAD_KEY + 2 * SPACING)
            centred = QHBoxLayout()
            centred.addStretch(1)
            centred.addWidget(letters, 100)
            centred.addStretch(1)
            column.addLayout(centred, len(_ROWS[page]))
        else:
            column.addWidget(letters, len(_ROWS[page]))

        rows_of_commands = (QHBoxLayout(), QHBoxLayout())
        for controls in rows_of_commands:
            # A narrower gap than between letters leaves the commands' words more room.
            controls.setSpacing(max(2, SPACING // 2))
            column.addLayout(controls, 1)
        self._command_rows[page] = rows_of_commands
        self._commands[page] = []
        for name in _CONTROLS[page]:
            button = self._make_key(page, _Key(name, is_char=False))
            self._commands[page].append((button, 2 * _COMMANDS[name].width))
            if name == "shift":
                button.setCheckable(True)  # the theme shows :checked while shift is armed
        self._split[page] = -1
        self._place_commands(page, len(self._commands[page]))
        return widget

    def _place_commands(self, page: str, split: int) -> None:
        """The commands before `split` on the first row, the others on the second."""
        if split == self._split[page]:
            return
        self._split[page] = split
        first, second = self._command_rows[page]
        for button, _stretch in self._commands[page]:
            first.removeWidget(button)
            second.removeWidget(button)
        for n, (button, stretch) in enumerate(self._commands[page]):
            (first if n < split else second).addWidget(button, stretch)

    def _fit_commands(self) -> None:
        """One row of commands when their words fit the keyboard's width, else two rows as
        even as the order allows: every word whole, in every language and text size."""
        page = self._page
        shown = [
            (n, button.minimumSizeHint().width())
            for n, (button, _s) in enumerate(self._commands[page])
            if not button.isHidden()
        ]
        gap = self._command_rows[page][0].spacing()
        room = self.width() - 2 * SPACING
        need = sum(w for _n, w in shown) + gap * max(0, len(shown) - 1)
        if need <= room or len(shown) < 2:
            self._place_commands(page, len(self._commands[page]))
            return
        best, split = None, len(self._commands[page])
        for k in range(1, len(shown)):
            left = sum(w for _n, w in shown[:k]) + gap * (k - 1)
            right = sum(w for _n, w in shown[k:]) + gap * (len(shown) - k - 1)
            if best is None or max(left, right) < best:
                best, split = max(left, right), shown[k][0]
        self._place_commands(page, split)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_commands()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        # A key's words changed width (large text switched, a language): one row may no
        # longer fit, or two may no longer be needed.
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit_commands()
        return handled

    def _make_key(self, page: str, key: _Key) -> QPushButton:
        button = _KeyButton()
        button.setObjectName("key")
        button.setProperty("role", "key")
        button.setProperty("command", "" if key.is_char else key.name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRepeat(False)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.clicked.connect(partial(self._activate, key))
        self._buttons[page].append((button, key))
        return button

    # --- labels -----------------------------------------------------------------------------

    def _char(self, key: _Key) -> str:
        if not (self._shift and self._page in _CASED):
            return key.name
        if self._page == "turkish" or self._letters == "turkish":
            return _UPPER.get(key.name, key.name.upper())
        return key.name.upper()

    def _other(self) -> str:
        """The letter layout the "other" key switches to: the language's next one."""
        cycle = self._cycle if self._letters in self._cycle else (self._letters, *self._cycle)
        return cycle[(cycle.index(self._letters) + 1) % len(cycle)] if len(cycle) > 1 else "abc"

    def _code_field(self) -> bool:
        target = self.target()
        return self._secret or (
            isinstance(target, QLineEdit)
            and (target.echoMode() != QLineEdit.EchoMode.Normal or bool(target.property("code")))
        )

    def _code_visible(self) -> bool:
        target = self.target()
        return isinstance(target, QLineEdit) and target.echoMode() == QLineEdit.EchoMode.Normal

    def _label(self, key: _Key) -> str:
        if key.is_char:
            return self._char(key)
        command = _COMMANDS[key.name]
        if key.name == "letters":
            return _COMMANDS[self._letters].label or "abc"
        if key.name == "other":
            return _COMMANDS[self._other()].label or ""
        if key.name == "show_code":
            return _("Hide my code") if self._code_visible() else _("Show my code")
        if key.name == "backspace":
            return f"⌫ {_(command.spoken)}"
        return command.label if command.label is not None else _(command.spoken)

    def _spoken(self, key: _Key) -> str:
        if key.is_char:
            return self._char(key)
        if key.name == "other":
            return _(_COMMANDS[self._other()].spoken)
        if key.name == "letters":
            return _(_COMMANDS[self._letters].spoken)
        if key.name == "show_code":
            return self._label(key)
        return _(_COMMANDS[key.name].spoken)

    def _refresh(self) -> None:
        # Only the page on screen: set_layout() refreshes a page when it is shown.
        for button, key in self._buttons[self._page]:
            # "&" alone would be read by Qt as a shortcut marker and drawn as nothing.
            button.setText(self._label(key).replace("&", "&&"))
            button.setAccessibleName(self._spoken(key))
            if key.name == "show_code" and not key.is_char:
                button.setVisible(self._code_field())
            button.updateGeometry()  # its words' width is its least width (_KeyButton)
            if key.name == "shift" and not key.is_char:
                button.setChecked(self._shift)
        self._fit_commands()

    # --- typing -----------------------------------------------------------------------------

    def _activate(self, key: _Key, _checked: bool = False) -> None:
        if key.is_char:
            text = self._char(key)
            self._insert(text)
            self._say(_("key") if self._is_secret() else text)
            if self._page == "accents":
                self._shift = False
                self.set_layout(self._letters)  # one accent, then the letters again
            elif self._shift:
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
        elif name == "clear":
            self._clear()
        elif name == "show_code":
            self._toggle_code()
        elif name == "other":
            self.set_layout(self._other())
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
        # to say "key" once too often than to read a code aloud. A code shown on screen to
        # check it is still never read aloud: someone may stand behind the person.
        return self._code_field()

    def hide_code(self) -> None:
        """The code being typed goes back to dots (a wipe, a new field): "Show my code" is
        one person's choice, never the next one's."""
        target = self.target()
        if isinstance(target, QLineEdit):
            hide_code(target)
        self._refresh()

    def _toggle_code(self) -> None:
        target = self.target()
        if not isinstance(target, QLineEdit):
            return
        target.setProperty("code", True)  # shown or not, it stays a code
        shown = target.echoMode() == QLineEdit.EchoMode.Normal
        target.setEchoMode(QLineEdit.EchoMode.Password if shown else QLineEdit.EchoMode.Normal)
        self._refresh()

    def _clear(self) -> None:
        target = self.target()
        if target is None or target.isReadOnly():
            return
        target.clear()

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
