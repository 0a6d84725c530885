"""Staff mode in the real window: the corner gesture, the PIN on the on-screen keyboard (never
spoken), the lockout, and each staff screen."""

from __future__ import annotations

import datetime as dt
import types
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from kiosk import config as config_module
from kiosk import languages
from kiosk.config import Config
from kiosk.i18n import _, ngettext
from kiosk.staff import counters, status
from kiosk.staff import settings as staff_settings
from kiosk.staff.pin import LOCK_MINUTES, MAX_FAILURES, hash_pin
from ui.staff import printing
from ui.staff.mode import StaffActions, install_staff_mode, open_staff_mode

PIN = "73195"
HASH = hash_pin(PIN)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def settings(data_dir: Path) -> Config:
    return config_module.load(None).with_values(
        session__idle_seconds=30,
        session__warning_seconds=10,
        staff__pin_hash=HASH,
        printer__name="no-such-printer-here",
    )


@pytest.fixture(autouse=True)
def no_outbox(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sync package is someone else's: staff mode must work without it."""
    monkeypatch.setattr(status, "_outbox", lambda: None)


def wrong_pin(tries: int) -> str:
    return ngettext("Wrong PIN. {tries} try left.", "Wrong PIN. {tries} tries left.", tries).format(
        tries=tries
    )


def locked() -> str:
    """The lock message up to its time, in the current language."""
    return _("Too many wrong PINs: staff mode is locked until {time}.").split("{time}")[0]


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def type_pin(overlay, pin: str) -> None:  # type: ignore[no-untyped-def]
    for digit in pin:
        overlay.pin.keyboard.press(digit)
    overlay.pin.keyboard.press("enter")


def test_a_long_press_in_the_corner_opens_the_pin_entry(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    hold = install_staff_mode(window, ctx, corner="top-left", hold_ms=30)
    qtbot.mousePress(window, Qt.MouseButton.LeftButton, pos=QPoint(window.width() // 2, 300))
    assert not hold.timer.isActive(), "the middle of the screen is not the corner"
    qtbot.mouseRelease(window, Qt.MouseButton.LeftButton, pos=QPoint(window.width() // 2, 300))
    qtbot.mousePress(window, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert hold.timer.isActive()
    qtbot.mouseRelease(window, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not hold.timer.isActive(), "letting go early cancels"
    with qtbot.waitSignal(hold.held, timeout=2000):
        qtbot.mousePress(window, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    overlay = window.findChild(type(open_staff_mode(window, ctx)), "staff-overlay")
    assert overlay is not None and overlay.isVisible()
    assert overlay.geometry() == window.rect()
    qtbot.mouseRelease(window, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    hold.remove()


def test_the_configured_corner_is_used(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    hold = install_staff_mode(window, ctx, corner="bottom-right", hold_ms=30)
    qtbot.mousePress(window, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not hold.timer.isActive()
    corner = QPoint(window.width() - 5, window.height() - 5)
    with qtbot.waitSignal(hold.held, timeout=2000):
        qtbot.mousePress(window, Qt.MouseButton.LeftButton, pos=corner)
    qtbot.mouseRelease(window, Qt.MouseButton.LeftButton, pos=corner)
    hold.remove()


def test_the_right_pin_opens_the_panel_and_nothing_is_spoken(qtbot, window, ctx, speaker) -> None:  # type: ignore[no-untyped-def]
    said_before = list(speaker.said)
    overlay = open_staff_mode(window, ctx)
    assert overlay.pin.keyboard.secret
    type_pin(overlay, "1111")
    assert overlay.pin.message.text() == wrong_pin(4)
    assert overlay.pin.field.text() == ""
    type_pin(overlay, PIN)
    assert overlay.panel is not None and overlay.panel.isVisible()
    assert speaker.said == said_before, "no digit, no key name, no message is spoken"
    for code in ("1111", PIN):
        assert all(code not in text for text, _lang in speaker.said)


def test_five_wrong_pins_lock_for_ten_minutes(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    overlay = open_staff_mode(window, ctx, clock=clock)
    for _n in range(MAX_FAILURES - 1):
        type_pin(overlay, "0000")
    assert overlay.pin.message.text() == wrong_pin(1)
    type_pin(overlay, "0000")
    assert overlay.pin.message.text().startswith(locked())
    assert not overlay.pin.open_button.isEnabled()
    type_pin(overlay, PIN)
    assert overlay.panel is None, "the right PIN does not open a locked staff mode"
    overlay.close_staff_mode()
    clock.now += dt.timedelta(minutes=LOCK_MINUTES - 1)
    again = open_staff_mode(window, ctx, clock=clock)
    assert again.pin.message.text().startswith(locked()), "reopening shows the lock at once"
    again.close_staff_mode()
    clock.now += dt.timedelta(minutes=1, seconds=1)
    later = open_staff_mode(window, ctx, clock=clock)
    type_pin(later, PIN)
    assert later.panel is not None


def test_without_a_pin_staff_mode_says_it_is_off(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.config = ctx.config.with_values(staff__pin_hash="")
    overlay = open_staff_mode(window, ctx)
    assert "set-staff-pin" in overlay.pin.message.text()
    assert not overlay.pin.open_button.isEnabled()


def open_panel(window, ctx, actions=None):  # type: ignore[no-untyped-def]
    overlay = open_staff_mode(window, ctx, actions)
    type_pin(overlay, PIN)
    assert overlay.panel is not None
    return overlay.panel


def test_status_shows_the_kiosk_state(qtbot, window, ctx, kiosk) -> None:  # type: ignore[no-untyped-def]
    kiosk.store.execute(
        "INSERT INTO sync_runs (started_at, finished_at, ok, summary) "
        "VALUES ('2026-03-02T08:00', '2026-03-02T08:01', 0, '{\"error\": \"HTTP 503\"}')"
    )
    panel = open_panel(window, ctx)
    fields = {k: v.text() for k, v in panel.status.fields.items()}
    assert "3000" in fields["catalogue"] and "demo" in fields["catalogue"]
    assert "HTTP 503" in fields["sync"]
    assert fields["outbox"] == _("Not available on this kiosk")
    assert "no-such-printer-here" in fields["printer"]
    assert _("{free} MB free of {total} MB").split("{total}")[0].split("}")[1] in fields["disk"]


def test_status_lists_outbox_items_that_need_staff_with_a_retry(
    qtbot, window, ctx, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    items = [{"key": "k1", "kind": "email", "last_error": "550 mailbox unavailable"}]
    fake = types.ModuleType("kiosk.sync.outbox")
    fake.outbox_counts = lambda _db: {"pending": 0, "needs_staff": len(items)}  # type: ignore[attr-defined]
    fake.needs_staff = lambda _db: list(items)  # type: ignore[attr-defined]
    fake.retry = lambda _db, key: items.clear()  # type: ignore[attr-defined]
    monkeypatch.setattr(status, "_outbox", lambda: fake)
    panel = open_panel(window, ctx)
    assert list(panel.status.retry_buttons) == ["k1"]
    qtbot.mouseClick(panel.status.retry_buttons["k1"], Qt.MouseButton.LeftButton)
    assert items == [] and panel.status.retry_buttons == {}


def test_actions(qtbot, window, ctx, speaker) -> None:  # type: ignore[no-untyped-def]
    synced: list[bool] = []
    panel = open_panel(window, ctx, StaffActions(sync_now=lambda: synced.append(True)))
    window.start_session("fr")
    assert ctx.kiosk.sessions.current is not None
    page = panel.actions
    qtbot.mouseClick(page.buttons["end_session"], Qt.MouseButton.LeftButton)
    assert ctx.kiosk.sessions.current is None
    qtbot.mouseClick(page.buttons["sync"], Qt.MouseButton.LeftButton)
    assert synced == [True]
    speaker.said.clear()
    qtbot.mouseClick(page.buttons["speech"], Qt.MouseButton.LeftButton)
    # Every enabled language (nine by default), each voice reading words of its own language.
    assert [lang for _text, lang in speaker.said] == list(ctx.enabled_languages())
    assert len(speaker.said) == 9
    samples = [text for text, _lang in speaker.said]
    assert len(set(samples)) == len(samples) and "OK" not in samples
    qtbot.mouseClick(page.buttons["print"], Qt.MouseButton.LeftButton)
    assert page.result.text().startswith(
        _("No printer found. Check that it is switched on and installed.")
    )


def test_sync_not_wired_says_so(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    panel = open_panel(window, ctx)
    panel.actions.sync_now()
    assert panel.actions.result.text() == _("Not available on this kiosk.")


def test_a_test_page_prints_to_pdf(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "test.pdf"
    assert printing.print_test_page(pdf=out) == str(out)
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 1000


def test_exit_closes_a_kiosk_mode_window(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    w = MainWindow(ctx, kiosk_mode=True)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert not w.close(), "kiosk mode holds"
    panel = open_panel(w, ctx)
    qtbot.mouseClick(panel.actions.buttons["exit"], Qt.MouseButton.LeftButton)
    assert not w.isVisible()


def test_settings_are_saved_as_overrides(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    panel = open_panel(window, ctx)
    page = panel.settings
    with qtbot.waitSignal(panel.settings_changed) as changed:
        qtbot.mouseClick(page.rate.minus, Qt.MouseButton.LeftButton)
        page.languages["ar"].setChecked(False)
        qtbot.mouseClick(page.findChildren(type(page.rate.minus))[-1], Qt.MouseButton.LeftButton)
    effective = changed.args[0]
    assert effective.get_int("speech.rate") == 140
    # Every language enabled by default but the one switched off, in the same order.
    others = tuple(code for code in languages.DEFAULT_ENABLED if code != "ar")
    assert len(others) == 8
    assert effective.get_list("language.enabled") == others
    stored = staff_settings.overrides(ctx.kiosk.store)
    assert stored == {"speech.rate": 140, "language.enabled": others}


def test_settings_refuse_to_disable_the_default_language(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    page = open_panel(window, ctx).settings
    page.languages["fr"].setChecked(False)
    page.save()
    assert "fr" in page.message.text() and "language.enabled" in page.message.text()
    assert staff_settings.overrides(ctx.kiosk.store) == {}


def test_counters_and_log(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    counters.count(ctx.kiosk.store, counters.SESSIONS, 4)
    counters.count(ctx.kiosk.store, counters.language("ar"))
    panel = open_panel(window, ctx)
    panel.show_page(3)
    table = panel.counters.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    today = table.item(0, 0).text()
    assert today == "4" and "العربية" in headers
    panel.show_page(4)
    assert "staff mode opened" in panel.log.text.toPlainText()


def test_the_doctor_probe_sees_arabic_shaping(qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.staff import probe

    joined = probe.arabic_shaping("مرحبا")
    assert joined["shaped"] and joined["missing"] == 0
    alone = probe.arabic_shaping("ا")  # one isolated letter: nothing to join
    assert not alone["shaped"]
    facts = probe.facts(["fr", "ar"])
    assert facts["fonts"]["ar"]["families"] > 0 and facts["screens"]
