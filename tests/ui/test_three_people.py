"""Three people in a row at the kiosk (issue 15, finding 6): each searches, opens and keeps an
offer, and makes a CV; when the next one arrives, nothing of the ones before is on any screen
they reach, said aloud, or stored in kiosk.db's session tables."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from kiosk.catalogue.importer import import_offers
from kiosk.cv.model import CV, Experience, Identity, Level
from tests.ui.taps import tap
from tests.ui.test_next_person import type_a_language
from tests.ui.test_search_screens import OFFERS
from ui.cv.state import state_for

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

PEOPLE = ("Zorbaone", "Zorbatwo", "Zorbathree")
# Screens a person walks through; each is checked again when the next person reaches it.
WALK = (
    "home", "find_job", "offers", "offer", "cv_start", "cv_identity", "cv_experiences",
    "cv_languages", "cv_preview",
)  # fmt: skip


def what_a_person_can_see_or_hear(window) -> str:  # type: ignore[no-untyped-def]
    """Every text of every shown widget: labels, buttons, fields, accessible names and
    descriptions (what a screen reader says, and what hold-to-speak reads)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    parts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            parts.append(widget.text())
        parts += [widget.accessibleName(), widget.accessibleDescription()]
    return "\n".join(parts)


def stored(kiosk) -> str:  # type: ignore[no-untyped-def]
    rows = []
    for table in ("sessions", "session_items", "outbox"):
        rows += [repr(r) for r in kiosk.store.execute(f"SELECT * FROM {table}").fetchall()]
    return "\n".join(rows)


def one_person(qtbot, window, marker: str) -> None:  # type: ignore[no-untyped-def]
    window.start_session("fr")
    window.show_screen("find_job")
    find = window.current
    find.field.setText(f"boulanger {marker}")
    find.keyboard.press("enter")
    offers = window.screens["offers"]
    qtbot.waitUntil(lambda: offers.result is not None, timeout=5000)
    if offers.card_buttons:
        tap(qtbot, offers.card_buttons[0])
        offer = window.screens["offer"]
        qtbot.waitUntil(lambda: offer.offer is not None, timeout=5000)
        tap(qtbot, offer.keep)
    window.show_screen("cv_start")
    window.show_screen("cv_identity")
    cv = CV(
        identity=Identity(name=f"{marker} Dupont", phone="0611223344", town=f"{marker}ville"),
        experiences=(Experience("Boulanger", employer=f"{marker} SARL", town=f"{marker}ville"),),
    )
    state_for(window.ctx).save(cv)
    window.show_screen("cv_identity")  # the typed name on the field
    window.show_screen("cv_experiences")
    type_a_language(window, qtbot, f"{marker}langue")
    window.show_screen("cv_languages")
    assert window.current.rows[f"typed:{marker}langue"].selected() == [Level.FLUENT.value]
    window.show_screen("cv_preview")
    page = window.current.page
    qtbot.waitUntil(lambda: marker in page.accessibleDescription(), timeout=10000)
    assert marker in what_a_person_can_see_or_hear(window)  # the check can see a person


def test_three_people_in_a_row_see_hear_and_leave_nothing_of_each_other(
    qtbot, window, kiosk, speaker
) -> None:  # type: ignore[no-untyped-def]
    import_offers(kiosk.catalogue, OFFERS)
    for n, marker in enumerate(PEOPLE):
        one_person(qtbot, window, marker)
        assert marker in stored(kiosk), "the person's work is saved while they are there"
        window.end_session()
        heard_from = len(speaker.said)
        earlier = PEOPLE[: n + 1]
        assert not [m for m in earlier if m in stored(kiosk)], "wiped from kiosk.db"
        if n + 1 == len(PEOPLE):
            break
        window.start_session("fr")
        for name in WALK:
            window.show_screen(name)
            qtbot.waitUntil(lambda: window.ctx.tasks.pending() == 0, timeout=10000)
            seen = what_a_person_can_see_or_hear(window)
            assert not [m for m in earlier if m in seen], f"on {name}: {seen}"
        window.repeat()
        heard = " ".join(text for text, _lang in speaker.said[heard_from:])
        assert not [m for m in earlier if m in heard], heard
        assert speaker.last is None or not any(m in speaker.last[0] for m in earlier)
        window.end_session()


def everything_held(widget: QWidget) -> str:
    """Every text in a widget tree, shown or not: what stays in memory after the wipe."""
    parts = []
    for child in widget.findChildren(QWidget):
        if isinstance(child, QLabel | QAbstractButton | QLineEdit):
            parts.append(child.text())
        parts += [child.accessibleName(), child.accessibleDescription()]
    return "\n".join(parts)


def test_after_the_wipe_no_screen_holds_the_person(qtbot, window, kiosk, speaker) -> None:  # type: ignore[no-untyped-def]
    from ui.forget import forget_person

    import_offers(kiosk.catalogue, OFFERS)
    one_person(qtbot, window, PEOPLE[0])
    speaker.say(f"{PEOPLE[0]}ville", "fr")
    window.end_session()
    forget_person(window.ctx, window.screens.built())  # what the window's wipe calls
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # find_job is not one of this change's screens: its field keeps the typed search until
    # the next person opens it (reported to the window's owner).
    mine = [s for s in window.screens.built() if s.NAME != "find_job"]
    for screen in mine:
        assert PEOPLE[0] not in everything_held(screen), screen.NAME
    assert PEOPLE[0] not in repr(state_for(window.ctx).cv)
    assert speaker.last is None and speaker.forgotten >= 1  # the window's wipe forgot it
