"""Staff mode and the saved CVs' secret codes: the status page says whether codes are refused
after too many wrong ones and until when; "Accept secret codes again" lifts it, on a worker,
where the kiosk keeps its CVs (this kiosk, or the agency hub). And the staff PIN is typed on
the big digit keypad."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from kiosk import config as config_module
from kiosk.config import Config
from kiosk.cv.spaces import MAX_ATTEMPTS, Spaces
from kiosk.errors import UserError
from kiosk.i18n import _
from kiosk.staff import status
from kiosk.staff.pin import hash_pin
from tests.fakes.http import LocalServer, QuietHandler
from ui.staff import codes
from ui.staff.mode import open_staff_mode

PIN = "73195"

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def settings(data_dir: Path) -> Config:
    return config_module.load(None).with_values(staff__pin_hash=hash_pin(PIN))


@pytest.fixture(autouse=True)
def no_outbox(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(status, "_outbox", lambda: None)


def refuse_codes(store) -> dt.datetime:  # type: ignore[no-untyped-def]
    """Five wrong codes, as people would type them on "Find my CV"."""
    spaces = Spaces(store)
    spaces.create("Marie", "314159")
    for _n in range(MAX_ATTEMPTS):
        with pytest.raises(UserError):
            spaces.open("Marie", "271828")
    until = spaces.waiting_until()
    assert until is not None
    return until


def open_panel(window, ctx):  # type: ignore[no-untyped-def]
    overlay = open_staff_mode(window, ctx)
    for digit in PIN:
        overlay.pin.keyboard.press(digit)
    overlay.pin.keyboard.press("enter")
    assert overlay.panel is not None
    return overlay.panel


def codes_field(panel) -> str:  # type: ignore[no-untyped-def]
    return str(panel.status.fields["codes"].text())


def test_status_says_codes_are_refused_until_a_local_time(qtbot, window, ctx, kiosk) -> None:  # type: ignore[no-untyped-def]
    until = refuse_codes(kiosk.store)
    panel = open_panel(window, ctx)
    local = until.astimezone().strftime("%H:%M")
    qtbot.waitUntil(lambda: local in codes_field(panel), timeout=5000)
    assert codes_field(panel) == _("Refused until {time} (too many wrong codes)").format(time=local)


def test_accept_codes_again_on_a_worker_then_codes_are_accepted(
    qtbot, window, ctx, kiosk, speaker
) -> None:  # type: ignore[no-untyped-def]
    refuse_codes(kiosk.store)
    panel = open_panel(window, ctx)
    qtbot.waitUntil(lambda: codes_field(panel) != _("Checking…"), timeout=5000)
    page = panel.actions
    press = page.buttons["accept_codes"]
    assert press.text() == _("Accept secret codes again")  # AT-SPI names it by its text
    assert press.minimumHeight() >= 48
    speaker.said.clear()
    qtbot.mouseClick(press, Qt.MouseButton.LeftButton)
    # Not done on the UI thread: the answer comes back later, and the button waits for it.
    assert page.result.text() == _("Please wait a moment.") and not press.isEnabled()
    done = _("Secret codes are accepted again.")
    qtbot.waitUntil(lambda: page.result.text() == done, timeout=5000)
    assert press.isEnabled()
    assert (done, "fr") in speaker.said, "the person at the desk hears it too"
    assert Spaces(kiosk.store).waiting_until() is None
    assert Spaces(kiosk.store).open("Marie", "314159")  # the right code works again
    qtbot.waitUntil(lambda: codes_field(panel) == _("Accepted"), timeout=5000)
    qtbot.mouseClick(press, Qt.MouseButton.LeftButton)
    again = _("Secret codes were not refused. Nothing changed.")
    qtbot.waitUntil(lambda: page.result.text() == again, timeout=5000)


class _SpacesHub(QuietHandler):
    """The two calls of the agency hub's spaces API that staff mode makes."""

    def do_GET(self) -> None:
        hub: SpacesHub = self.server.owner  # type: ignore[attr-defined]
        if self.path != "/api/v1/spaces/waiting":
            self.answer(404, b"{}")
            return
        until = hub.until.isoformat() if hub.until else None
        self.answer(200, json.dumps({"until": until}).encode())

    def do_POST(self) -> None:
        hub: SpacesHub = self.server.owner  # type: ignore[attr-defined]
        self.body()
        if self.path != "/api/v1/spaces/unlock":
            self.answer(404, b"{}")
            return
        was, hub.until = hub.until is not None, None
        hub.unlocked += 1
        self.answer(200, json.dumps({"was_waiting": was}).encode())


class SpacesHub(LocalServer):
    handler = _SpacesHub

    def __init__(self) -> None:
        super().__init__()
        self.until: dt.datetime | None = None
        self.unlocked = 0


def test_with_a_hub_codes_are_accepted_again_at_the_hub(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    with SpacesHub() as hub:
        assert isinstance(hub, SpacesHub)
        hub.until = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=12)
        ctx.config = ctx.config.with_values(hub__url=hub.base_url, hub__token="t")
        panel = open_panel(window, ctx)
        local = hub.until.astimezone().strftime("%H:%M")
        qtbot.waitUntil(lambda: local in codes_field(panel), timeout=5000)
        qtbot.mouseClick(panel.actions.buttons["accept_codes"], Qt.MouseButton.LeftButton)
        # Only this kiosk's wait is lifted at the hub: the person's first name may still
        # wait at every kiosk, and staff are told where to lift it.
        done = " ".join((_("This kiosk accepts secret codes again."), _(codes.NAME_LOCKED)))
        qtbot.waitUntil(lambda: panel.actions.result.text() == done, timeout=5000)
        assert _("Secret codes are accepted again.") not in done
        assert "Codes bloqués" in done  # the dashboard page's own (French) name
        assert hub.unlocked == 1 and hub.until is None
        qtbot.waitUntil(lambda: codes_field(panel) == _("Accepted"), timeout=5000)
        qtbot.mouseClick(panel.actions.buttons["accept_codes"], Qt.MouseButton.LeftButton)
        again = " ".join((_("This kiosk was not refusing secret codes."), _(codes.NAME_LOCKED)))
        qtbot.waitUntil(lambda: panel.actions.result.text() == again, timeout=5000)


def test_an_unreachable_hub_gets_a_calm_message(qtbot, window, ctx, speaker) -> None:  # type: ignore[no-untyped-def]
    with SpacesHub() as hub:
        url = hub.base_url  # a port that answered a moment ago and now refuses
    ctx.config = ctx.config.with_values(hub__url=url, hub__token="t")
    panel = open_panel(window, ctx)
    unknown = _("Unknown: the saved CVs could not be reached")
    qtbot.waitUntil(lambda: codes_field(panel) == unknown, timeout=20000)
    page = panel.actions
    qtbot.mouseClick(page.buttons["accept_codes"], Qt.MouseButton.LeftButton)
    calm = codes.unreachable_text()
    qtbot.waitUntil(lambda: page.result.text() == calm, timeout=20000)
    english = (
        "The saved CVs could not be reached. Nothing changed. Please try again in a few minutes."
    )
    assert calm == _(english) != english, "the calm sentence, in the kiosk's language"
    assert (calm, "fr") in speaker.said
    # Nothing technical on the screen or in the ears (the address, the error): the log has it.
    port = url.rsplit(":", 1)[-1].strip("/")
    for text in [page.result.text(), codes_field(panel)] + [words for words, _l in speaker.said]:
        assert port not in text and "rror" not in text and "refused" not in text.lower(), text
    assert page.buttons["accept_codes"].isEnabled()


def test_the_pin_is_typed_on_the_big_keypad_masked_with_show_and_clear(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    overlay = open_staff_mode(window, ctx)
    keyboard, field = overlay.pin.keyboard, overlay.pin.field
    assert keyboard.layout() == "keypad"
    keys = keyboard.keys()
    shown = {key.accessibleName() for key in keys if key.isVisible()}
    assert set("0123456789") <= shown
    assert {_("Clear all"), _("OK")} <= shown
    assert "+" not in shown, "a PIN is digits only"
    assert _("Show my code") not in shown, "the staff PIN is never shown on a public screen"
    for key in keys:
        if key.isVisible():
            assert key.height() >= 48 and key.width() >= 48, key.accessibleName()
            corner = key.mapTo(window, key.rect().bottomRight())
            assert window.rect().contains(corner), f"{key.accessibleName()} is off the window"
    assert field.echoMode() == QLineEdit.EchoMode.Password
    for digit in "12":
        keyboard.press(digit)
    keyboard.press("show_code")  # the hidden key, pressed anyway (an accessibility action)
    assert field.echoMode() == QLineEdit.EchoMode.Password and field.text() == "12"
    overlay.pin.wipe()  # the keypad's refresh would show the key again
    keyboard.retranslate()
    assert not any(k.isVisible() and k.accessibleName() == _("Show my code") for k in keys)
    for digit in "12":
        keyboard.press(digit)
    keyboard.press("clear")
    assert field.text() == ""
    for digit in "0000":
        keyboard.press(digit)
    keyboard.press("enter")
    assert field.text() == "" and field.echoMode() == QLineEdit.EchoMode.Password, (
        "a PIN shown to check it goes back to dots"
    )
    assert overlay.panel is None
    for digit in PIN:
        keyboard.press(digit)
    keyboard.press("enter")
    assert overlay.panel is not None


def test_codes_are_checked_one_at_a_time_and_the_newest_answer_wins(
    qtbot, window, ctx, kiosk, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """A slow hub: the panel's first check is still out when staff tap Refresh twice and
    accept codes again. No second worker is taken meanwhile, and the old "Refused" answer
    is not shown over the newer one."""
    until = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=12)
    answers = [until, None, None, None]
    gates = [threading.Event() for _a in answers]
    lock = threading.Lock()
    calls: list[int] = []
    out = [0, 0]  # in flight now, most ever

    def waiting_until(_ctx):  # type: ignore[no-untyped-def]
        def run() -> dt.datetime | None:
            with lock:
                n = len(calls)
                calls.append(n)
                out[0] += 1
                out[1] = max(out)
            try:
                assert gates[n].wait(10)
                return answers[n]
            finally:
                with lock:
                    out[0] -= 1

        return run

    monkeypatch.setattr(codes, "waiting_until", waiting_until)
    try:
        panel = open_panel(window, ctx)
        qtbot.waitUntil(lambda: len(calls) == 1, timeout=5000)
        panel.status.refresh()
        panel.status.refresh()
        panel.actions.codes_changed.emit()  # as after "Accept secret codes again"
        qtbot.wait(300)
        assert len(calls) == 1, "one check at a time: the pool is small and shared"
        gates[0].set()  # the old answer comes: refused
        qtbot.waitUntil(lambda: len(calls) == 2, timeout=5000)
        qtbot.wait(100)
        assert codes_field(panel) == _("Checking…"), "an answer older than the unlock"
        gates[1].set()
        qtbot.waitUntil(lambda: codes_field(panel) == _("Accepted"), timeout=5000)
        qtbot.wait(300)
        assert len(calls) == 2 and out[1] == 1, "the three wanted checks made one more"
    finally:
        for gate in gates:
            gate.set()
