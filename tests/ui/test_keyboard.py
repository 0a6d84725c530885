"""The on-screen keyboard, driven by clicks as a visitor's finger would."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QTextEdit

from kiosk.i18n import NC_, _
from ui import keyboard as keyboard_module
from ui.keyboard import LAYOUTS, OnScreenKeyboard

# Showing a top-level window on the offscreen platform warns; it says nothing about the keyboard.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def spoken() -> list[str]:
    return []


@pytest.fixture
def kb(qtbot, spoken: list[str]) -> OnScreenKeyboard:
    widget = OnScreenKeyboard(speak=spoken.append)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def field(qtbot, kb: OnScreenKeyboard) -> QLineEdit:
    line = QLineEdit()
    qtbot.addWidget(line)
    kb.set_target(line)
    return line


def key(kb: OnScreenKeyboard, name: str) -> QPushButton:
    """The key on screen that types `name`, or the command key called `name`."""
    buttons = kb.keys()  # a list, not a dict: ruff's SIM118 would misread `in kb.keys()`
    for button in buttons:
        if button.property("command") == name or (
            not button.property("command") and button.accessibleName() == name
        ):
            return button
    raise AssertionError(f"no key {name!r} on {kb.layout()}: {[b.text() for b in buttons]}")


def click(qtbot, kb: OnScreenKeyboard, *names: str) -> None:
    for name in names:
        qtbot.mouseClick(key(kb, name), Qt.MouseButton.LeftButton)


def test_typing_inserts_into_the_line_edit(qtbot, kb, field):
    click(qtbot, kb, "b", "o", "n", "space", "j", "o", "u", "r")
    assert field.text() == "bon jour"


def test_typing_inserts_at_the_cursor(qtbot, kb, field):
    field.setText("ac")
    field.setCursorPosition(1)
    click(qtbot, kb, "b")
    assert field.text() == "abc"


def test_shift_gives_one_capital_then_lowercase(qtbot, kb, field):
    click(qtbot, kb, "shift")
    assert key(kb, "shift").isChecked()
    assert key(kb, "A").text() == "A"  # the labels show what will be typed
    click(qtbot, kb, "A", "l", "i")
    assert field.text() == "Ali"
    assert not kb.shift()
    assert not key(kb, "shift").isChecked()


def test_shift_pressed_twice_is_cancelled(qtbot, kb, field):
    click(qtbot, kb, "shift", "shift", "a")
    assert field.text() == "a"


def test_backspace_deletes_the_character_before_the_cursor(qtbot, kb, field):
    field.setText("abc")
    field.setCursorPosition(2)
    click(qtbot, kb, "backspace")
    assert field.text() == "ac"


def test_text_edit_target(qtbot, kb):
    edit = QTextEdit()
    qtbot.addWidget(edit)
    kb.set_target(edit)
    click(qtbot, kb, "o", "u", "i", "backspace", "space", "x")
    assert edit.toPlainText() == "ou x"


def test_accents_page_inserts_e_acute(qtbot, kb, field):
    click(qtbot, kb, "accents")
    assert kb.layout() == "accents"
    click(qtbot, kb, "é")
    assert kb.layout() == "azerty", "one accent, then the letters come back"
    click(qtbot, kb, "accents", "shift", "É", "a")
    assert field.text() == "éÉa"
    kb.set_layout("accents")
    # French, Spanish, Portuguese, Turkish and Romanian letters.
    for char in "éèêëàâçùûüôîïœáãñõóíúășțğış":
        key(kb, char)


def test_arabic_layout_inserts_arabic_letters(qtbot, kb, field):
    kb.set_language("ar")
    assert kb.layout() == "arabic"
    click(qtbot, kb, "س", "ل", "ا", "م")
    assert field.text() == "سلام"


def test_digits_page(qtbot, kb, field):
    click(qtbot, kb, "123", "0", "6", "@", ".", "-", "_", "'", ",")
    assert field.text() == "06@.-_',"


def test_letters_key_returns_to_the_last_letter_layout(qtbot, kb):
    kb.set_language("ar")
    click(qtbot, kb, "123", "letters")
    assert kb.layout() == "arabic"
    kb.set_language("fr")
    click(qtbot, kb, "other")
    assert kb.layout() == "abc"
    click(qtbot, kb, "accents", "letters")
    assert kb.layout() == "abc"


def test_enter_emits_submitted(qtbot, kb, field):
    with qtbot.waitSignal(kb.submitted, timeout=1000):
        click(qtbot, kb, "enter")
    assert field.text() == ""  # OK validates, it does not type a new line


def test_hide_key_emits_closed_and_hides(qtbot, kb):
    kb.show()
    with qtbot.waitSignal(kb.closed, timeout=1000):
        click(qtbot, kb, "hide")
    assert not kb.isVisible()


def test_without_target_only_signals_are_emitted(qtbot, kb):
    with qtbot.waitSignal(kb.key_pressed, timeout=1000) as blocker:
        click(qtbot, kb, "z")
    assert blocker.args == ["z"]
    with qtbot.waitSignal(kb.key_pressed, timeout=1000) as blocker:
        click(qtbot, kb, "backspace")
    assert blocker.args == ["backspace"]


def test_target_destroyed_is_forgotten(qtbot, kb):
    line = QLineEdit()
    kb.set_target(line)
    line.deleteLater()
    qtbot.waitUntil(lambda: kb.target() is None, timeout=1000)
    click(qtbot, kb, "a")


def test_speak_receives_the_character_and_key_names(qtbot, kb, field, spoken):
    click(qtbot, kb, "a", "space", "backspace", "shift", "B", "enter")
    assert spoken == [
        "a",
        _("Space"),
        _("Delete"),
        _("Capital letter"),
        "B",
        _("OK"),
    ]


def test_secret_mode_never_speaks_the_digit(qtbot, kb, field, spoken):
    kb.set_secret(True)
    assert kb.secret
    click(qtbot, kb, "123", *"1234567890")
    assert field.text() == "1234567890"
    assert spoken[0] == _(NC_("keyboard key", "Numbers"))
    assert spoken[1:] == [_("key")] * 10
    assert not any(char.isdigit() for word in spoken for char in word)


def test_password_field_is_secret_even_without_set_secret(qtbot, kb, field, spoken):
    field.setEchoMode(QLineEdit.EchoMode.Password)
    click(qtbot, kb, "123", "4", "2")
    assert spoken[1:] == [_("key"), _("key")]


def test_broken_voice_does_not_stop_typing(qtbot, field, caplog):
    def broken(_text: str) -> None:
        raise RuntimeError("no audio device")

    kb = OnScreenKeyboard(speak=broken)
    qtbot.addWidget(kb)
    kb.set_target(field)
    kb.press("a")
    assert field.text() == "a"
    assert "key echo failed" in caplog.text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_key_is_big_named_and_never_takes_focus(qtbot, kb, layout):
    kb.set_layout(layout)
    kb.show()
    qtbot.waitExposed(kb)
    buttons = kb.keys()
    assert buttons
    for button in buttons:
        # A finger's height at least (theme.MIN_TARGET); wider than that, as wide as its words.
        assert button.minimumSizeHint().width() >= 64 and button.minimumSizeHint().height() >= 48
        if button.isVisibleTo(kb):  # "Show my code" is there only for a code
            assert button.width() >= 64 and button.height() >= 48, button.text()
            assert button.width() >= button.sizeHint().width(), f"{button.text()!r} is cut"
        assert button.font().pixelSize() >= 28
        assert button.accessibleName().strip()
        assert button.text().strip()
        assert button.objectName() == "key"
        assert button.property("role") == "key"
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert not button.autoRepeat()


def test_set_layout_round_trip(kb):
    for name in (*LAYOUTS, "azerty"):
        kb.set_layout(name)
        assert kb.layout() == name
    with pytest.raises(ValueError):
        kb.set_layout("qwertz")


def test_press_helper_accepts_characters_and_key_names(kb, field):
    kb.press("b")
    kb.press("space")
    kb.press("123")
    kb.press("7")
    assert field.text() == "b 7"
    with pytest.raises(KeyError):
        kb.press("a")  # not on the digits page


def test_retranslate_refreshes_labels(kb, monkeypatch):
    monkeypatch.setattr(keyboard_module, "_", lambda message: f"<{message}>")
    kb.retranslate()
    space = key(kb, "space")
    assert space.text() == "<Space>"
    assert space.accessibleName() == "<Space>"


@pytest.fixture
def right_to_left(qapp: QApplication) -> Iterator[None]:
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    yield
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_right_to_left_mirrors_the_command_row_not_the_key_map(qtbot, right_to_left, kb):
    kb.set_layout("arabic")
    kb.resize(1200, 500)
    kb.show()
    qtbot.waitExposed(kb)

    def x(name: str) -> int:
        button = key(kb, name)
        return button.mapTo(kb, button.rect().topLeft()).x()

    # Letters keep the physical keyboard's places; the command row reads right to left.
    assert x("ض") < x("ص")
    assert x("123") > x("hide")


def test_keypad_types_digits_and_plus(qtbot, kb, field):
    kb.set_layout("keypad")
    click(qtbot, kb, "+", "3", "3", "6", "0")
    assert field.text() == "+3360"
    buttons = kb.keys()
    for button in buttons:
        assert button.accessibleName().strip() and button.text().strip()
    assert key(kb, "5").width() >= 2 * 64, "the keypad's keys are big"


def test_show_my_code_shows_it_and_never_reads_it(qtbot, kb, field, spoken):
    field.setEchoMode(QLineEdit.EchoMode.Password)
    kb.set_target(field)
    kb.set_layout("keypad")
    show = key(kb, "show_code")
    assert show.isVisibleTo(kb)
    click(qtbot, kb, "1", "2", "show_code")
    assert field.echoMode() == QLineEdit.EchoMode.Normal and field.text() == "12"
    click(qtbot, kb, "3")
    assert "3" not in spoken, "a code on screen is still not read aloud"
    click(qtbot, kb, "show_code")
    assert field.echoMode() == QLineEdit.EchoMode.Password


def test_show_my_code_is_only_for_codes(qtbot, kb, field):
    kb.set_layout("keypad")
    kb.show()
    qtbot.waitExposed(kb)
    assert not key(kb, "show_code").isVisible()


@pytest.mark.parametrize("layout", ["azerty", "keypad", "123", "arabic", "ukrainian"])
def test_clear_empties_the_field(qtbot, kb, field, layout):
    field.setText("06 12 34")
    kb.set_layout(layout)
    click(qtbot, kb, "clear")
    assert field.text() == ""


def test_the_ampersand_key_shows_its_sign(kb):
    kb.set_layout("123")
    amp = key(kb, "&")
    assert amp.text() == "&&"  # Qt draws "&&" as one "&"; a lone "&" was drawn as nothing
    assert amp.accessibleName() == "&"


@pytest.mark.parametrize(
    ("language", "layout", "letters"),
    [
        ("uk", "ukrainian", "їєґі"),
        ("fa", "persian", "پچژگکی"),
        ("tr", "turkish", "ığşçöü"),
        ("ro", "romanian", "ăâîșț"),
    ],
)
def test_each_language_gets_its_letters(qtbot, kb, field, language, layout, letters):
    kb.set_language(language)
    assert kb.layout() == layout
    click(qtbot, kb, *letters)
    assert field.text() == letters


def test_turkish_capital_i_keeps_its_dot(qtbot, kb, field):
    kb.set_language("tr")
    click(qtbot, kb, "shift", "İ", "shift", "I")  # the keys say what they type
    assert field.text() == "İI"


def test_the_keyboard_fits_1280_wide_in_every_layout(qtbot, kb):
    from kiosk.i18n import translator

    for language in ("fr", "uk", "fa"):
        translator.set_language(language)
        kb.retranslate()
        for layout in LAYOUTS:
            kb.set_layout(layout)
            assert kb.minimumSizeHint().width() <= 1280 - 32, (language, layout)
    translator.set_language("fr")


@pytest.fixture
def large_text(qapp: QApplication) -> Iterator[None]:
    from ui import theme

    theme.apply(qapp, True)
    yield
    theme.apply(qapp, False)


@pytest.mark.parametrize(("width", "height"), [(1264, 300), (1904, 420)])
def test_every_page_fits_a_small_screen_in_large_text(qtbot, large_text, width, height):
    """A 1280x800 screen leaves the keyboard 1264x300: in large text and the longest
    languages, every page's keys and commands are whole and inside it (the commands take two
    rows when one is too narrow), and the words are larger than in normal text."""
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from kiosk.i18n import translator
    from ui.fits import check_window

    box = QWidget()
    qtbot.addWidget(box)
    box.setFixedSize(width, height)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    kb = OnScreenKeyboard()
    kb.setMinimumHeight(height)  # as the CV's steps do: the keyboard gets no more room
    column.addWidget(kb)
    box.show()
    qtbot.waitExposed(box)
    rows: dict[str, int] = {}
    try:
        for language in ("fr", "ar", "uk", "fa"):
            translator.set_language(language)
            kb.retranslate()
            for layout in LAYOUTS:
                kb.set_layout(layout)
                qtbot.wait(1)
                name = f"{language}-{layout}"
                found = check_window(box, QSize(width, height), name, [kb])
                assert not found, "\n".join(str(o) for o in found)
                assert kb.width() <= width
                _first, second = kb._command_rows[layout]
                rows[name] = 1 + (second.count() > 0)
                assert key(kb, "clear").font().pixelSize() > 28, "large text grows the keys"
    finally:
        translator.set_language("fr")
    if width < 1280:
        assert rows["fr-azerty"] == 2, "nine commands in large text need two rows at 1280 px"
    else:
        assert rows["fr-azerty"] == 1, "a wide screen keeps one row"
