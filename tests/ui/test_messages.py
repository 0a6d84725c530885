"""Every result is seen as well as heard: the window's message area, one look per kind."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.errors import explain
from tests.ui.colours import contrast
from ui import theme


def _start(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.start_session("fr")
    qtbot.waitUntil(lambda: window.current.NAME == "home")


def _background(widget) -> str:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    image: QImage = widget.grab().toImage()
    return image.pixelColor(image.width() - 6, image.height() // 2).name()


def test_each_kind_is_shown_said_and_looks_its_own(qtbot, window, speaker) -> None:  # type: ignore[no-untyped-def]
    _start(qtbot, window)
    seen: dict[str, str] = {}
    for kind in ("success", "info", "error"):
        window.ctx.show_result(f"Message {kind}.", kind)
        qtbot.waitUntil(window.notice.isVisible, timeout=2000)
        assert window.notice.text() == f"Message {kind}."
        assert window.notice.kind == kind
        assert speaker.said[-1][0] == f"Message {kind}.", "heard as well as seen"
        seen[kind] = _background(window.notice.sentence)
        assert seen[kind] == theme.ROLES[f"message-{kind}"].bg
        assert not window.notice.picture.pixmap().isNull(), "a pictogram with the words"
    assert len(set(seen.values())) == 3, "success, information and error look different"


def test_message_colours_have_seven_to_one_contrast() -> None:
    for kind in ("success", "info", "error"):
        role = theme.ROLES[f"message-{kind}"]
        assert contrast(role.fg, role.bg) >= 7.0, kind


def test_never_an_empty_bar_and_an_unknown_kind_is_refused(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _start(qtbot, window)
    window.ctx.show_result("   ", "success")
    assert not window.notice.isVisible()
    with pytest.raises(ValueError):
        window.ctx.show_result("Hello.", "warning")


def test_show_error_is_the_error_kind_and_staff_get_the_detail(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _start(qtbot, window)
    window.ctx.show_error(explain(OSError("disk on fire"), "test"))
    assert window.notice.isVisible() and window.notice.kind == "error"
    assert "disk on fire" not in window.notice.text()
    assert "disk on fire" in window.ctx.kiosk.status_line()


def test_the_next_person_never_sees_the_last_ones_message(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _start(qtbot, window)
    window.ctx.show_result("Awa, your CV is kept.", "success")
    assert window.notice.isVisible()
    window.finish()
    assert not window.notice.isVisible() and window.notice.text() == ""
    window.start_session("ar")
    assert not window.notice.isVisible()


def test_a_message_shown_just_before_a_screen_change_stays(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from ui.widgets import message

    _start(qtbot, window)
    window.ctx.show_result("Kept.", "success")
    window.show_screen("help")
    assert window.notice.isVisible(), "the confirmation of what was just done stays"
    window.notice._shown_at -= message.SURVIVES_NAVIGATION_S + 1
    window.show_screen("home")
    assert not window.notice.isVisible(), "an old message goes with its screen"


def test_an_alert_label_hides_while_it_has_no_words(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from ui.widgets.spoken import TLabel

    label = TLabel(ctx, "", role="alert")
    qtbot.addWidget(label)
    label.show()
    label.setText("")
    assert not label.isVisible()
    label.setText("Something went wrong.")
    assert label.isVisible()


def test_cancelling_help_is_confirmed_on_screen(qtbot, window, speaker) -> None:  # type: ignore[no-untyped-def]
    from kiosk.i18n import _

    _start(qtbot, window)
    window.show_screen("help")
    help_screen = window.current
    qtbot.mouseClick(help_screen.cancel, Qt.MouseButton.LeftButton)
    assert window.current.NAME == "home"
    assert window.notice.isVisible() and window.notice.kind == "info"
    assert window.notice.text() == _("Your call for help is cancelled.")
    assert speaker.said[-1][0] == window.notice.text()
