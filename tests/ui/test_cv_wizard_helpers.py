"""Driving the CV wizard as a person does: taps on buttons, keys of the on-screen keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.keyboard import _ROWS, OnScreenKeyboard


def _page_of(char: str) -> str:
    for page in ("azerty", "123", "arabic", "accents"):
        if any(char.lower() in row for row in _ROWS[page]):
            return page
    raise KeyError(char)


def _goto(keyboard: OnScreenKeyboard, page: str) -> None:
    if keyboard.layout() == page:
        return
    if keyboard.layout() in ("123", "accents", "keypad"):
        keyboard.press("letters")
    for _turn in range(5):  # a page's own key, or "other" letters until it comes
        if keyboard.layout() == page:
            return
        try:
            keyboard.press(page)
        except KeyError:
            keyboard.press("other")
    assert keyboard.layout() == page, (keyboard.layout(), page)


def type_text(keyboard: OnScreenKeyboard, text: str) -> None:
    """Type with the keys alone: switching pages and capitals as a person would."""
    for char in text:
        if char == " ":
            if keyboard.layout() == "keypad":  # the keypad has digits only
                keyboard.press("letters")
            keyboard.press("space")
            continue
        on_keypad = keyboard.layout() == "keypad" and any(char in r for r in _ROWS["keypad"])
        page = "keypad" if on_keypad else _page_of(char)
        _goto(keyboard, page)
        if char != char.lower() and not keyboard.shift():
            keyboard.press("shift")
        keyboard.press(char.lower() if page in ("azerty", "accents") else char)


def fill(qtbot, screen, key: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Touch a field of a wizard screen, then type into it."""
    field = screen.fields[key]
    qtbot.mouseClick(field.edit, Qt.MouseButton.LeftButton)
    assert screen.keyboard.target() is field.edit
    type_text(screen.keyboard, text)
