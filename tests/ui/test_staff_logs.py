"""The logs of a full user session hold nothing the person typed or said."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit

from ui.keyboard import OnScreenKeyboard

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

NAME, PHONE, EMAIL = "Zoubida Marchetti", "0612345678", "zoubida.marchetti@exemple.fr"


def type_text(keyboard: OnScreenKeyboard, text: str) -> None:
    for char in text:
        if char == " ":
            keyboard.press("space")
            continue
        if char.isdigit() or char in "@.-_":
            keyboard.set_layout("123")
        else:
            keyboard.set_layout("azerty")
            if char.isupper():
                keyboard.press("shift")
        keyboard.press(char.lower() if char.isalpha() else char)


def test_a_full_session_leaves_no_personal_data_in_the_logs(
    qtbot, window, ctx, kiosk, speaker, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    logging.getLogger().setLevel(logging.DEBUG)  # the most talkative the kiosk can be
    window.start_session("fr")
    fields = {}
    keyboard = OnScreenKeyboard(speak=lambda text: ctx.say(text))
    qtbot.addWidget(keyboard)
    for label, value in (("name", NAME), ("phone", PHONE), ("email", EMAIL)):
        field = QLineEdit()
        qtbot.addWidget(field)
        keyboard.set_target(field)
        type_text(keyboard, value)
        assert field.text() == value
        fields[label] = field.text()
    ctx.kiosk.sessions.save("contact", fields)
    ctx.kiosk.sessions.save("cv", {"name": NAME, "phone": PHONE, "email": EMAIL})
    window.show_screen("help")
    window.repeat()
    window.tick(now=window.idle.last_touch + 10_000)  # walks away: the session expires
    assert ctx.kiosk.sessions.current is None
    for handler in logging.getLogger().handlers:
        handler.flush()
    logs = list((data_dir / "logs").glob("kiosk.log*"))
    assert logs, "the kiosk logs to data_dir/logs"
    text = "\n".join(p.read_text(encoding="utf-8") for p in logs)
    assert "kiosk.db" in text, "the log file holds this run's lines"
    for secret in (NAME, "Zoubida", "Marchetti", PHONE, "612345678", EMAIL, "exemple.fr"):
        assert secret.lower() not in text.lower(), f"{secret!r} leaked into the logs"
    assert len(speaker.said) > len(NAME), "the keys were echoed aloud, as in real use"
