"""The kiosk as `kiosk run` assembles it (ui.assembly): what a screen promises happens, with
the real background scheduler delivering to a real local SMTP server and a local fake hub."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from kiosk import config as config_module
from kiosk.config import Config
from kiosk.errors import GENERIC
from kiosk.i18n import _
from kiosk.staff import counters
from kiosk.sync import outbox
from tests.fakes.hub import FakeHub
from tests.fakes.smtp import FakeSmtp
from tests.ui.taps import tap


def start(qtbot, window, code: str = "fr") -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, window.welcome.buttons[code])


@pytest.fixture
def settings(data_dir: Path, hub: FakeHub, smtp: FakeSmtp) -> Config:
    return config_module.load(None).with_values(
        session__idle_seconds=30,
        session__warning_seconds=10,
        session__help_wait_seconds=600,
        **hub.config_values(),
        **smtp.config_values(),
    )


def today_count(kiosk, name: str) -> int:  # type: ignore[no-untyped-def]
    return next(iter(counters.counters_for(kiosk.store, 1).values())).get(name, 0)


def test_a_help_request_reaches_the_hub_while_the_kiosk_runs(qtbot, kiosk_app, hub) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_app.window
    kiosk_app.start_background()
    start(qtbot, window)
    tap(qtbot, window.current.tiles["help"])
    qtbot.waitUntil(
        lambda: any(e["type"] == "help_request" for e in hub.events.values()), timeout=10000
    )
    assert today_count(kiosk_app.kiosk, counters.HELP_REQUESTS) == 1
    assert today_count(kiosk_app.kiosk, counters.SESSIONS) == 1
    assert today_count(kiosk_app.kiosk, counters.language("fr")) == 1
    # Shown again (Back, then the tile once more) it is not sent twice.
    tap(qtbot, window.current.back)
    tap(qtbot, window.current.tiles["help"])
    assert today_count(kiosk_app.kiosk, counters.HELP_REQUESTS) == 1


def test_waiting_for_staff_the_session_stays_and_can_be_cancelled(qtbot, window, kiosk) -> None:  # type: ignore[no-untyped-def]
    start(qtbot, window)
    tap(qtbot, window.current.tiles["help"])
    assert window.help_band.isVisible()
    band_height = window.help_band.height()
    assert all(not b.text() or "…" not in b.text() for b in (window.bar.home, window.bar.repeat))
    t0 = window.idle.last_touch
    window.tick(t0 + 45)  # past session.idle_seconds: a person waiting is not asked
    assert window.current.NAME == "help"
    assert kiosk.sessions.current is not None
    # On the help screen its own big button cancels; the band's smaller one is hidden there.
    assert not window.help_band.cancel.isVisible()
    tap(qtbot, window.current.cancel)
    assert not window.help_band.isVisible() and band_height > 0
    kinds = [
        r[0] for r in kiosk.store.execute("SELECT payload FROM outbox WHERE kind = 'hub_event'")
    ]
    assert any('"help_cancelled"' in k for k in kinds)
    window.tick(window.idle.last_touch + 31)
    assert window.current.NAME == "still_here", "the normal idle time is back"


def test_ive_finished_wipes_at_once_then_says_goodbye(qtbot, window, kiosk, speaker) -> None:  # type: ignore[no-untyped-def]
    start(qtbot, window, "en")
    kiosk.sessions.save("draft", {"name": "Karim Haddad"})
    tap(qtbot, window.current.tiles["find_job"])
    assert window.bar.finish.isVisible()
    tap(qtbot, window.bar.finish)
    assert kiosk.sessions.current is None
    assert kiosk.store.execute("SELECT count(*) FROM session_items").fetchone()[0] == 0
    assert window.current.NAME == "goodbye"
    text, language = speaker.said[-1]
    assert language == "en" and "erased" in text, "said in the person's language"
    assert not window.bar.finish.isVisible()
    qtbot.waitUntil(lambda: window.current.NAME == "welcome", timeout=15000)
    from kiosk.i18n import translator

    assert translator.language.code == "fr", "the next person starts in the default language"


@pytest.mark.qt_no_exception_capture  # the kiosk's own hook is under test, not pytest-qt's
def test_an_error_in_a_slot_is_a_calm_sentence_not_traceback(qtbot, window, caplog, capsys) -> None:  # type: ignore[no-untyped-def]
    start(qtbot, window)

    def broken() -> None:
        raise ZeroDivisionError("a bug in a slot")

    QTimer.singleShot(0, broken)
    qtbot.waitUntil(window.notice.isVisible, timeout=3000)
    assert window.notice.text() == _(GENERIC)
    assert "a bug in a slot" in caplog.text, "the technician's log has it"
    assert "Traceback" not in capsys.readouterr().err
    assert "ZeroDivisionError: a bug in a slot" in window.ctx.kiosk.status_line()


def test_staff_settings_apply_to_the_running_kiosk(qtbot, window, ctx) -> None:  # type: ignore[no-untyped-def]
    from kiosk.staff import settings as staff_settings
    from ui.staff.mode import StaffPanel

    assert window.welcome.buttons["ar"].isVisibleTo(window)
    panel = StaffPanel(ctx, file_config=ctx.file_config)
    panel.settings_changed.connect(ctx.apply_config)
    qtbot.addWidget(panel)
    panel.settings.languages["ar"].setChecked(False)
    panel.settings.idle.set_value(120)
    panel.settings.volume.set_value(5)
    panel.settings.save()
    assert staff_settings.overrides(ctx.kiosk.store)["session.idle_seconds"] == 120
    assert not window.welcome.buttons["ar"].isVisibleTo(window)
    assert not window.bar.languages["ar"].isVisibleTo(window)
    start(qtbot, window)
    assert window.idle.idle_seconds == 120
    window.end_session()
    assert ctx.speaker.volume == 5, "each next person starts at the volume staff chose"


def _to_email_step(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from kiosk.cv.samples import short_cv
    from ui.cv.state import state_for

    start(qtbot, window)
    state = state_for(window.ctx)
    state.fresh()
    state.save(short_cv("fr"))
    window.show_screen("cv_email")


def test_a_cv_sent_by_email_arrives_while_the_person_is_there(qtbot, kiosk_app, smtp) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_app.window
    kiosk_app.start_background()
    _to_email_step(qtbot, window)
    screen = window.current
    screen.address.set_text("karim.test@example.org")
    tap(qtbot, screen.send)
    qtbot.waitUntil(lambda: len(smtp.messages) == 1, timeout=15000)
    message = smtp.messages[0].message
    assert smtp.messages[0].to == ("karim.test@example.org",)
    parts = [p.get_content_type() for p in message.walk()]
    assert "application/pdf" in parts
    from ui.screens.cv_email import SENT

    sent = _(SENT).format(email="karim.test@example.org")
    qtbot.waitUntil(lambda: screen.sent.text() == sent, timeout=5000)
    tap(qtbot, screen.send, enabled=False)  # a second tap sends nothing more
    qtbot.wait(300)
    assert kiosk_app.kiosk.store.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    assert len(smtp.messages) == 1


def test_without_a_mail_server_or_a_hub_email_is_not_offered(qtbot, ctx, kiosk_app) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_app.window
    assert ctx.can_send("email")
    window.show_screen("cv_preview", speak=False)
    assert window.current.email.isVisibleTo(window)
    # With a hub, the hub relays the e-mail: still offered without a mail server here.
    ctx.apply_config(ctx.config.with_values(smtp__host=""))
    assert ctx.can_send("email")
    ctx.apply_config(ctx.config.with_values(smtp__host="", hub__url=""))
    assert not ctx.can_send("email")
    assert not window.current.email.isVisibleTo(window)


def test_sync_reports_what_really_happened(tmp_path: Path, kiosk, smtp) -> None:  # type: ignore[no-untyped-def]
    from kiosk.sync.run import sync_once

    outbox.enqueue(
        kiosk.store,
        "email",
        {"to": "a@example.org", "subject": "s", "body": "b", "attachments": []},
    )
    smtp.stop()
    result = sync_once(kiosk.config, kiosk.data_dir)
    assert "0 delivered" in result.reason and "1 waiting" in result.reason, result.reason
    assert "outbox delivered" not in result.reason


def test_counters_are_counted_where_things_happen(qtbot, window, kiosk) -> None:  # type: ignore[no-untyped-def]
    start(qtbot, window)
    tap(qtbot, window.current.tiles["find_job"])
    screen = window.current
    screen.field.setText("boulanger")
    screen.submit()
    assert window.current.NAME == "offers"
    qtbot.waitUntil(lambda: window.current.result is not None, timeout=10000)
    assert today_count(kiosk, counters.SEARCHES) == 1
    assert today_count(kiosk, counters.SESSIONS) == 1
