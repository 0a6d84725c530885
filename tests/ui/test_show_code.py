"""'Show my code' is one person's choice: the wipe at the end of a session puts every code box
back to dots (the CV's keep and find screens; the staff PIN is never shown), so the next
person never finds a code shown, nor the keyboard offering to hide it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit

from ui.staff.mode import open_staff_mode

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

PASSWORD, NORMAL = QLineEdit.EchoMode.Password, QLineEdit.EchoMode.Normal


def show_key(keyboard) -> str:  # type: ignore[no-untyped-def]
    return next(b.text() for b, k in keyboard._buttons["keypad"] if k.name == "show_code")


@pytest.mark.parametrize("name", ["cv_keep", "cv_find"])
def test_a_code_shown_is_hidden_again_for_the_next_person(window, name) -> None:  # type: ignore[no-untyped-def]
    window.start_session("en")
    window.show_screen(name)
    screen = window.current
    code = screen.fields["code"]
    screen.target(code)
    for digit in "2468":
        screen.keyboard.press(digit)
    screen.keyboard.press("show_code")
    assert code.edit.echoMode() == NORMAL and show_key(screen.keyboard) == "Hide my code"
    window.end_session()
    assert code.edit.text() == "" and code.edit.echoMode() == PASSWORD
    # The next person reaches the screen: dots, and the key offers to show, not to hide.
    window.start_session("en")
    window.show_screen(name)
    screen.target(code)
    assert code.edit.echoMode() == PASSWORD and show_key(screen.keyboard) == "Show my code"


def test_leaving_the_code_screen_hides_the_code(window) -> None:  # type: ignore[no-untyped-def]
    window.start_session("en")
    window.show_screen("cv_keep")
    screen = window.current
    screen.target(screen.fields["code"])
    screen.keyboard.press("show_code")
    window.show_screen("home")
    assert screen.fields["code"].edit.echoMode() == PASSWORD


def test_the_staff_pin_is_never_shown_and_is_wiped(window, ctx) -> None:  # type: ignore[no-untyped-def]
    # The staff PIN has no "Show my code" at all (a public screen): pressed anyway, it
    # stays dots; and a PIN left typed is gone at the wipe.
    window.start_session("en")
    overlay = open_staff_mode(window, ctx)
    pin = overlay.pin
    pin.keyboard.set_layout("keypad")
    for digit in "1234":
        pin.keyboard.press(digit)
    pin.keyboard.press("show_code")
    assert pin.field.echoMode() == PASSWORD
    window.end_session()
    assert pin.field.text() == "" and pin.field.echoMode() == PASSWORD
    keys = pin.keyboard._buttons["keypad"]
    assert all(b.isHidden() for b, k in keys if k.name == "show_code")
