"""What one person leaves on a screen never reaches the next (issue 15, findings 1 and 2): the
CV preview is empty until the new CV is drawn, and the Languages step lists only the
languages the person in front of it typed."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.cv.model import CV, Identity, Level, SpokenLanguage
from ui.cv.state import state_for
from ui.screens import cv_preview

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

NAME = "Zorba Ancien"


def first_person_cv(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.start_session("fr")
    window.show_screen("cv_identity")
    state_for(window.ctx).save(CV(identity=Identity(name=NAME, phone="0611223344")))
    window.show_screen("cv_preview")
    page = window.current.page
    qtbot.waitUntil(lambda: NAME in page.accessibleDescription(), timeout=10000)
    assert not page.pixmap().isNull()
    window.end_session()


def test_the_preview_never_shows_the_last_persons_cv(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first_person_cv(window, qtbot)
    release = threading.Event()
    real = cv_preview.render_preview

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(cv_preview, "render_preview", slow)
    window.start_session("fr")
    try:
        window.show_screen("cv_preview")
        page = window.current.page
        # While the new CV is being drawn, the page is blank: not the last person's.
        assert page.pixmap().isNull()
        assert NAME not in page.accessibleDescription()
    finally:
        release.set()
    qtbot.waitUntil(lambda: not page.pixmap().isNull(), timeout=10000)
    assert NAME not in page.accessibleDescription()


def test_a_failed_render_leaves_an_empty_page_and_says_so(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first_person_cv(window, qtbot)

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise OSError("no room left")

    monkeypatch.setattr(cv_preview, "render_preview", broken)
    window.start_session("fr")
    window.show_screen("cv_preview")
    screen = window.current
    qtbot.waitUntil(lambda: window.notice.text() != "", timeout=5000)
    assert screen.page.pixmap().isNull() and screen.page.accessibleDescription() == ""


def test_the_preview_describes_the_cv_it_shows(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.start_session("fr")
    window.show_screen("cv_identity")
    cv = CV(
        identity=Identity(name="Samira Benali", town="Lyon"),
        languages=(SpokenLanguage("arabe", "ar", Level.NATIVE),),
    )
    state_for(window.ctx).save(cv)
    window.show_screen("cv_preview")
    page = window.current.page
    qtbot.waitUntil(lambda: "Samira Benali" in page.accessibleDescription(), timeout=10000)
    assert "Arabe" in page.accessibleDescription()


def texts_of_the_screen(screen) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for widget in screen.findChildren(QLabel):
        parts.append(widget.text())
    for widget in screen.findChildren(object):
        name = getattr(widget, "accessibleName", None)
        if callable(name):
            parts += [widget.accessibleName(), widget.accessibleDescription()]
    return "\n".join(parts)


def type_a_language(window, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    window.show_screen("cv_languages")
    screen = window.current
    screen.other.set_text(name)
    screen.add_typed()
    screen.rows[f"typed:{name}"].chips[Level.FLUENT.value].click()
    screen.go_next()


def test_languages_typed_by_earlier_people_are_not_listed(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    for n in range(3):
        window.start_session("fr")
        type_a_language(window, qtbot, f"Zorbalangue{n}")
        window.end_session()
    window.start_session("fr")
    window.show_screen("cv_languages")
    screen = window.current
    assert not [key for key in screen.rows if key.startswith("typed:")]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert "Zorbalangue" not in texts_of_the_screen(screen)
    # The person in front of it still finds their own typed language when coming back.
    type_a_language(window, qtbot, "Kabyle")
    window.show_screen("cv_languages")
    assert screen.rows["typed:Kabyle"].selected() == [Level.FLUENT.value]


def test_sessions_leave_no_widgets_behind(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Each session used to leave QObjects behind (161 -> 195 MB over 300 sessions): the
    typed languages' rows, and one relay per background job holding what the job held."""

    def one_session(n: int) -> None:
        window.start_session("fr")
        type_a_language(window, qtbot, f"Langue{n}")
        window.show_screen("cv_preview")
        qtbot.waitUntil(lambda: window.ctx.tasks.pending() == 0, timeout=10000)
        window.end_session()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def objects() -> tuple[int, int]:
        owned = window.findChildren(QObject) + window.ctx.findChildren(QObject)
        return len(QApplication.allWidgets()), len(owned)

    for n in range(3):
        one_session(n)
    before = objects()
    for n in range(3, 23):
        one_session(n)
    assert objects() == before
