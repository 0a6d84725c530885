"""The shell as a person uses it: choose a language, move around, hear, and walk away."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.i18n import LANGUAGES, translator
from kiosk.session import IdleState
from tests.ui.taps import tap


def start(qtbot, window, code: str = "fr") -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, window.welcome.buttons[code])


def test_welcome_offers_each_language_in_its_own_name(window) -> None:  # type: ignore[no-untyped-def]
    assert window.current.NAME == "welcome"
    names = {code: b.text() for code, b in window.welcome.buttons.items()}
    assert names == {code: LANGUAGES[code].native_name for code in LANGUAGES}
    assert names["uk"] == "Українська" and names["fa"] == "دری / فارسی"
    title = window.welcome.title.text()
    assert "Bonjour" in title and "Hello" in title and "مرحب" in title and "Вітаю" in title


def test_holding_a_language_speaks_in_that_language(qtbot, window, speaker) -> None:  # type: ignore[no-untyped-def]
    button = window.welcome.buttons["ar"]
    qtbot.mousePress(button, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.waitUntil(lambda: bool(speaker.said), timeout=3000)
    qtbot.mouseRelease(button, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    text, language = speaker.said[-1]
    assert language == "ar" and "العربية" in text
    assert window.current.NAME == "welcome", "a hold speaks, it never acts"


def test_choosing_a_language_starts_a_session_and_speaks_home(
    qtbot, window, speaker, kiosk
) -> None:  # type: ignore[no-untyped-def]
    start(qtbot, window, "en")
    assert window.current.NAME == "home"
    assert kiosk.sessions.current is not None
    text, language = speaker.said[-1]
    assert language == "en" and text.startswith("What do you want to do?")


def test_arabic_mirrors_the_layout_live_and_back(qtbot, window, speaker) -> None:  # type: ignore[no-untyped-def]
    start(qtbot, window, "fr")
    french_title = window.current.title.text()
    tap(qtbot, window.bar.language)  # the bar opens the chooser
    tap(qtbot, window.bar.languages["ar"])
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.current.title.text() != french_title
    assert speaker.said[-1][1] == "ar"
    assert window.current.NAME == "home", "changing language keeps the person where they are"
    bar = window.bar

    def mirrored() -> bool:
        return bar.repeat.mapTo(window, QPoint(0, 0)).x() > bar.louder.mapTo(window, QPoint()).x()

    qtbot.waitUntil(mirrored, timeout=3000)
    tap(qtbot, window.bar.language)  # the bar opens the chooser
    tap(qtbot, window.bar.languages["fr"])
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.current.title.text() == french_title


def test_repeat_and_stop(qtbot, window, speaker) -> None:  # type: ignore[no-untyped-def]
    start(qtbot, window)
    intro = speaker.said[-1]
    speaker.said.clear()
    tap(qtbot, window.bar.repeat)
    assert speaker.said == [intro]
    stops = speaker.stops
    tap(qtbot, window.bar.stop)
    assert speaker.stops > stops


def test_volume_steps_and_reset_after_the_person_leaves(qtbot, window, speaker) -> None:  # type: ignore[no-untyped-def]
    start(qtbot, window)
    default = speaker.volume
    tap(qtbot, window.bar.louder)
    tap(qtbot, window.bar.louder)
    assert speaker.volume == min(5, default + 2)
    assert speaker.said[-1][0].startswith("Volume")
    tap(qtbot, window.bar.quieter)
    assert speaker.volume == min(5, default + 2) - 1
    window.end_session()
    assert speaker.volume == default


def test_listen_first_speaks_on_first_tap_and_acts_on_second(qtbot, window, speaker) -> None:  # type: ignore[no-untyped-def]
    start(qtbot, window)
    tap(qtbot, window.bar.listen)  # normal mode: one tap switches it on
    assert window.ctx.listen_first
    tile = window.current.tiles["help"]
    speaker.said.clear()
    tap(qtbot, tile)
    assert window.current.NAME == "home"
    assert speaker.said[-1][0].startswith("Je veux de l'aide") or speaker.said[-1][0].startswith(
        tile.text()
    )
    tap(qtbot, tile)
    assert window.current.NAME == "help"


def test_help_shows_a_marker_for_staff_until_the_session_ends(qtbot, window, speaker) -> None:  # type: ignore[no-untyped-def]
    start(qtbot, window)
    tap(qtbot, window.current.tiles["help"])
    assert window.current.NAME == "help"
    assert window.help_band.isVisible()
    assert speaker.said[-1][0] == window.current.spoken_intro()
    window.end_session()
    assert not window.help_band.isVisible()


def test_idle_countdown_then_wipe(qtbot, window, speaker, kiosk) -> None:  # type: ignore[no-untyped-def]
    start(qtbot, window, "ar")
    kiosk.sessions.save("draft", {"name": "Karim"})
    tap(qtbot, window.bar.louder)
    tap(qtbot, window.bar.large)
    t0 = window.idle.last_touch
    window.tick(t0 + 29)
    assert window.current.NAME == "home"
    window.tick(t0 + 31)
    assert window.current.NAME == "still_here"
    assert window.still_here.count.text() == "٩" or window.still_here.count.text() == "9"
    assert speaker.said[-1][1] == "ar"
    window.tick(t0 + 35)
    assert speaker.said[-1] == ("5", "ar"), "the countdown is spoken"
    window.tick(t0 + 35.2)
    assert speaker.said[-2] != ("5", "ar"), "each second is said once"
    window.tick(t0 + 41)
    assert window.current.NAME == "welcome"
    assert kiosk.sessions.current is None
    assert kiosk.store.execute("SELECT count(*) FROM session_items").fetchone()[0] == 0
    assert translator.language.code == "fr", "the next person starts in the default language"
    assert not window.ctx.large_text
    assert speaker.volume == 3


def test_still_here_keeps_the_session(qtbot, window, kiosk) -> None:  # type: ignore[no-untyped-def]
    start(qtbot, window)
    tap(qtbot, window.current.tiles["find_job"])
    t0 = window.idle.last_touch
    window.tick(t0 + 35)
    assert window.current.NAME == "still_here"
    tap(qtbot, window.still_here.button)
    assert window.current.NAME == "find_job", "back where the person was"
    assert window.idle.state(window.idle.last_touch + 1) is IdleState.ACTIVE
    assert kiosk.sessions.current is not None


def test_kiosk_mode_cannot_be_closed_without_staff(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    w = MainWindow(ctx, kiosk_mode=True)
    qtbot.addWidget(w)
    w.show()
    assert w.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not w.close()
    assert w.isVisible()
    qtbot.keyClick(w, Qt.Key.Key_Escape)
    assert w.isVisible()
    w.staff_may_close = True
    assert w.close()


def test_large_text_makes_text_larger(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    start(qtbot, window)
    before = window.current.title.fontInfo().pixelSize()
    tap(qtbot, window.bar.large)
    assert window.ctx.large_text
    after = window.current.title.fontInfo().pixelSize()
    assert after >= before * 1.3


def test_staff_diagnostics_never_reach_public_screens(qtbot, window, kiosk) -> None:  # type: ignore[no-untyped-def]
    kiosk.problems.append("kiosk.db was damaged; moved aside")
    start(qtbot, window)
    shown = [w.text() for w in window.findChildren(QLabel) if w.isVisibleTo(window)]
    assert not any("damaged" in text for text in shown), shown


def test_the_agency_name_is_shown_on_welcome(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    ctx.config = ctx.config.with_values(agency__name="Agence de Lyon Part-Dieu")
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    assert w.welcome.agency.text() == "Agence de Lyon Part-Dieu"
    w.staff_may_close = True


def test_screens_are_built_when_first_needed(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    built = {s.NAME for s in window.screens.built()}
    assert "welcome" in built and "offers" not in built and "cv_preview" not in built
    assert "offers" in window.screens, "known before it is built"
    offers = window.screens["offers"]
    assert window.screens["offers"] is offers, "built once"


def test_a_screen_built_late_is_in_the_language_and_size_chosen_before(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    start(qtbot, window, "fr")
    french = window.screens["cv_start"].title.text()
    tap(qtbot, window.bar.language)  # the bar opens the chooser
    tap(qtbot, window.bar.languages["ar"])
    tap(qtbot, window.bar.large)
    assert "find_job" not in {s.NAME for s in window.screens.built()}
    window.show_screen("find_job")
    screen = window.current
    assert screen.NAME == "find_job" and screen.isRightToLeft()
    assert screen.title.text() == translator.gettext("Find a job")
    assert screen.title.text() != french
    assert (
        screen.title.fontInfo().pixelSize()
        >= window.screens["cv_start"].title.fontInfo().pixelSize()
    )
    large = screen.title.fontInfo().pixelSize()
    tap(qtbot, window.bar.large)
    assert screen.title.fontInfo().pixelSize() < large
