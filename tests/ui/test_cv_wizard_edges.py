"""Make my CV when things go wrong: bad input, no printer, no USB stick, a saved space with
wrong codes, thirty jobs; and the USB stick detection on a fake mount table."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.cv.dates import END_BEFORE_START, FUTURE
from kiosk.cv.samples import long_cv, short_cv
from kiosk.cv.spaces import LOCKED, NOT_FOUND
from kiosk.cv.validation import (
    EMAIL_NO_AT,
    NAME_MISSING,
    NAME_NO_LETTER,
    PHONE_LETTERS,
    TOO_LONG,
)
from kiosk.i18n import _
from tests.ui.taps import tap
from tests.ui.test_cv_wizard_helpers import fill, type_text
from ui import printer
from ui.cv import output, usb
from ui.cv.state import state_for
from ui.screens.cv_keep import CODES_DIFFER
from ui.screens.cv_preview import SAVED


def begin(qtbot, window, lang: str = "fr", cv=None):  # type: ignore[no-untyped-def]
    tap(qtbot, window.welcome.buttons[lang])
    state = state_for(window.ctx)
    state.fresh()
    if cv is not None:
        state.save(cv)
    return state


def show(window, name: str):  # type: ignore[no-untyped-def]
    window.show_screen(name)
    return window.current


# --- bad input, spoken next to the field -------------------------------------------------


@pytest.mark.parametrize(
    ("key", "typed", "message", "values"),
    [
        ("name", "   ", NAME_MISSING, {}),
        ("name", "1234", NAME_NO_LETTER, {}),
        ("email", "marie.dupont.gmail.com", EMAIL_NO_AT, {}),
        ("phone", "06 12 AB 56 78", PHONE_LETTERS, {"letters": "A B"}),
    ],
)
def test_identity_mistakes_are_explained_and_not_saved(
    qtbot, window, kiosk, speaker, key: str, typed: str, message: str, values: dict
) -> None:  # type: ignore[no-untyped-def,type-arg]
    begin(qtbot, window)
    screen = show(window, {"name": "cv_identity", "email": "cv_address", "phone": "cv_phone"}[key])
    fill(qtbot, screen, key, typed)
    tap(qtbot, screen.next)
    expected = _(message).format(**values)
    assert window.current is screen, "the person stays to fix it"
    assert speaker.said[-1] == (expected, "fr")
    assert screen.fields[key].error.isVisible() and screen.fields[key].error.text() == expected


def test_5000_characters_emoji_and_mixed_scripts(qtbot, window, speaker) -> None:  # type: ignore[no-untyped-def]
    state = begin(qtbot, window)
    screen = show(window, "cv_identity")
    fill(qtbot, screen, "name", "Marie")
    tap(qtbot, screen.next)
    screen = show(window, "cv_town")
    screen.fields["town"].edit.setText("x" * 5000)  # a paste: the keyboard cannot type 5,000
    tap(qtbot, screen.next)
    assert speaker.said[-1][0] == _(TOO_LONG).format(length=5000, limit=100)
    screen.fields["town"].edit.setText("Lyon 🏙️ ليون")
    tap(qtbot, screen.next)
    assert window.current.NAME == "cv_jobs"
    assert state.cv.identity.town == "Lyon 🏙️ ليون", "emoji and every script are kept"


@pytest.mark.parametrize(
    ("typed", "message"),
    [("2099", FUTURE), ("2021 - 2019", END_BEFORE_START)],
)
def test_dates_in_the_future_or_the_wrong_way_round(
    qtbot, window, speaker, typed: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    state = begin(qtbot, window)
    state.editing = None
    screen = show(window, "cv_experience")
    fill(qtbot, screen, "job", "Serveur")
    fill(qtbot, screen, "period", typed)
    tap(qtbot, screen.next)
    assert window.current is screen
    assert screen.fields["period"].error.isVisible()
    said = speaker.said[-1][0]
    assert said.split("(")[0].split(":")[0] in _(message)
    assert state.cv.experiences == (), "nothing wrong was saved"


def test_leaving_by_home_keeps_what_is_right(qtbot, window, kiosk) -> None:  # type: ignore[no-untyped-def]
    state = begin(qtbot, window)
    screen = show(window, "cv_identity")
    fill(qtbot, screen, "name", "Marie")
    tap(qtbot, screen.next)
    screen = show(window, "cv_phone")
    fill(qtbot, screen, "phone", "06 1")
    tap(qtbot, window.bar.home)
    assert state.cv.identity.name == "Marie", "autosaved on the way out"
    assert state.cv.identity.phone == "", "a half-typed phone is not saved"


# --- leaving with the CV ----------------------------------------------------------------


def test_no_printer_is_said_plainly(qtbot, window, speaker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(printer.QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    begin(qtbot, window, cv=short_cv())
    preview = show(window, "cv_preview")
    tap(qtbot, preview.print_)
    qtbot.waitUntil(lambda: speaker.said[-1][0] == _(output.NO_PRINTER), timeout=20000)
    assert window.notice.text() == _(output.NO_PRINTER) and window.notice.kind == "error"


def test_usb_stick_absent_then_present(qtbot, window, speaker, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    stick = tmp_path / "stick"
    stick.mkdir()
    plugged: list[Path] = []
    monkeypatch.setattr(usb, "drives", lambda: list(plugged))
    begin(qtbot, window, "ar", cv=short_cv())
    preview = show(window, "cv_preview")
    tap(qtbot, preview.usb)
    qtbot.waitUntil(lambda: speaker.said[-1] == (_(output.NO_STICK), "ar"), timeout=20000)
    plugged.append(stick)
    tap(qtbot, preview.usb)
    qtbot.waitUntil(lambda: speaker.said[-1] == (_(SAVED), "ar"), timeout=20000)
    written = list(stick.iterdir())
    assert [p.name for p in written] == ["CV Samira Benali.pdf"], "no partial file left"
    assert written[0].read_bytes().startswith(b"%PDF")


def test_thirty_jobs_scroll_and_the_preview_says_what_fits(qtbot, window, speaker) -> None:  # type: ignore[no-untyped-def]
    state = begin(qtbot, window, cv=long_cv(30))
    screen = show(window, "cv_experiences")
    assert len(screen.row_buttons) == 30
    last_remove = screen.row_buttons[-1][1]
    tap(qtbot, last_remove)  # reached by scrolling
    assert len(state.cv.experiences) == 29
    preview = show(window, "cv_preview")
    qtbot.waitUntil(lambda: preview.result is not None, timeout=30000)
    assert preview.result is not None and not preview.result.fits
    assert preview.fit.isVisible() and preview.fit.text() == preview.result.explain()
    assert speaker.said[-1][0] == preview.result.explain()


# --- saved spaces ---------------------------------------------------------------------------


def type_code(qtbot, screen, key: str, code: str) -> None:  # type: ignore[no-untyped-def]
    fill(qtbot, screen, key, code)


def act(qtbot, window, button) -> None:  # type: ignore[no-untyped-def]
    """Touch a button whose work runs off the UI thread (scrypt, perhaps the hub), and wait
    for its answer as a person would, watching the screen."""
    tap(qtbot, button)
    qtbot.waitUntil(lambda: window.ctx.tasks.pending() == 0, timeout=20000)


def test_keep_then_find_with_wrong_codes_then_delete(qtbot, window, kiosk, speaker) -> None:  # type: ignore[no-untyped-def]
    state = begin(qtbot, window, cv=short_cv())
    keep = show(window, "cv_keep")
    assert keep.fields["first_name"].text() == "Samira"
    speaker.said.clear()
    type_code(qtbot, keep, "code", "385172")
    type_code(qtbot, keep, "code_again", "385171")
    assert keep.fields["code"].edit.displayText() != "385172", "dots, not digits"
    act(qtbot, window, keep.action)
    assert speaker.said[-1][0] == _(CODES_DIFFER)
    assert keep.fields["code"].text() == "", "a code is wiped once used"
    type_code(qtbot, keep, "code", "385172")
    type_code(qtbot, keep, "code_again", "385172")
    act(qtbot, window, keep.action)
    assert window.current.NAME == "cv_preview"
    assert state.space_id is not None
    said = [text for text, _l in speaker.said]
    assert not any("385172" in text or text.strip() in "0123456789" for text in said), (
        "neither the code nor any of its digits was said"
    )

    # The next person: a fresh session, then "Find my CV".
    window.end_session()
    begin(qtbot, window)
    assert state.is_empty() and state.space_id is None
    find = show(window, "cv_find")
    fill(qtbot, find, "first_name", "samira")
    for attempt in range(5):
        type_code(qtbot, find, "code", "111112")
        act(qtbot, window, find.action)
        expected = _(NOT_FOUND) if attempt < 4 else _(LOCKED).format(minutes=15)
        assert speaker.said[-1][0] == expected, attempt
    type_code(qtbot, find, "code", "385172")
    act(qtbot, window, find.action)
    assert speaker.said[-1][0] == _(LOCKED).format(minutes=15), "locked even with the right code"

    # The kiosk waits, no space is locked: staff lift the wait and the right code opens it.
    assert state.spaces().unlock()
    type_code(qtbot, find, "code", "385172")
    act(qtbot, window, find.action)
    assert window.current.NAME == "cv_preview"
    assert state.cv.identity.name == "Samira Benali"
    preview = window.current
    assert preview.delete.isVisible() and not preview.keep.isVisible()

    tap(qtbot, preview.delete)
    assert window.current.NAME == "cv_delete"
    act(qtbot, window, window.current.yes)
    assert kiosk.store.execute("SELECT count(*) FROM spaces").fetchone()[0] == 0
    assert kiosk.store.execute("SELECT count(*) FROM space_items").fetchone()[0] == 0
    assert window.current.NAME == "cv_start" and state.is_empty()


def test_the_keyboard_says_key_for_code_digits(qtbot, window, speaker) -> None:  # type: ignore[no-untyped-def]
    begin(qtbot, window, cv=short_cv())
    keep = show(window, "cv_keep")
    qtbot.mouseClick(keep.fields["code"].edit, Qt.MouseButton.LeftButton)
    speaker.said.clear()
    type_text(keep.keyboard, "4")
    assert speaker.said == [(_("key"), "fr")]


# --- USB sticks on a fake mount table -------------------------------------------------------

MOUNTS = """\
sysfs /sys sysfs rw,nosuid 0 0
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
tmpfs /run tmpfs rw 0 0
/dev/sdb1 /media/kiosk/MY\\040STICK vfat rw,nosuid 0 0
/dev/sdc1 /mnt/usb vfat rw 0 0
/dev/sdd1 /run/media/kiosk/KEY exfat rw 0 0
/dev/sde1 /srv/data ext4 rw 0 0
"""


def test_sticks_are_found_under_media_or_by_the_removable_flag(tmp_path: Path) -> None:
    block = tmp_path / "block"
    for disk, flag in (("nvme0n1", "0"), ("sdb", "1"), ("sdc", "1"), ("sdd", "1"), ("sde", "0")):
        (block / disk).mkdir(parents=True)
        (block / disk / "removable").write_text(flag + "\n")
    found = usb.removable_mounts(MOUNTS, usb.sys_block_removable(block))
    assert found == [Path("/media/kiosk/MY STICK"), Path("/mnt/usb"), Path("/run/media/kiosk/KEY")]
    assert usb.removable_mounts("", usb.sys_block_removable(block)) == []


def test_partitions_map_to_their_disk() -> None:
    disks = ["sda", "sdb", "mmcblk0", "nvme0n1"]
    assert usb.disk_of("/dev/sdb1", disks) == "sdb"
    assert usb.disk_of("/dev/mmcblk0p1", disks) == "mmcblk0"
    assert usb.disk_of("/dev/nvme0n1p3", disks) == "nvme0n1"
    assert usb.disk_of("/dev/sdz1", disks) is None


def test_file_names_suit_a_usb_stick() -> None:
    cv = short_cv()
    assert output.file_name(cv) == "CV Samira Benali.pdf"
    odd = cv.replace(identity=cv.identity.__class__('Ma/rie: "D"<>|?*'))
    assert output.file_name(odd) == "CV Marie D.pdf"
    assert output.file_name(cv.replace(identity=cv.identity.__class__(""))) == "CV.pdf"


# --- what the person adds is seen at once; every language the agency offers -----------------


def test_a_typed_language_is_on_the_cv_at_once_and_ticked(qtbot, window, speaker) -> None:  # type: ignore[no-untyped-def]
    from kiosk.cv.model import Level

    state = begin(qtbot, window)
    screen = show(window, "cv_languages")
    screen.other.set_text("Kabyle")
    tap(qtbot, screen.add)
    row = screen.rows["typed:Kabyle"]
    assert row.selected() == [Level.CAN_TALK.value]
    assert row.chips[Level.CAN_TALK.value].isChecked()
    assert [(s.name, s.level) for s in state.cv.languages] == [("Kabyle", Level.CAN_TALK)]
    # Another level, touched, replaces it.
    tap(qtbot, row.chips[Level.FLUENT.value])
    screen.go_next()
    assert [(s.name, s.level) for s in state.cv.languages] == [("Kabyle", Level.FLUENT)]


def test_the_cv_prints_in_any_language_the_agency_offers(qtbot, window, kiosk) -> None:  # type: ignore[no-untyped-def]
    state = begin(qtbot, window, cv=short_cv("fr"))
    screen = show(window, "cv_preview")
    offered = list(screen.languages.chips)
    assert offered == list(window.ctx.enabled_languages())
    assert len(offered) == 9
    tap(qtbot, screen.languages.chips["uk"])
    assert state.cv.language == "uk"
    qtbot.waitUntil(lambda: window.ctx.tasks.pending() == 0, timeout=20000)
    assert screen.languages.selected() == ["uk"]


def test_on_a_short_screen_every_field_of_a_job_is_above_the_keyboard(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSize

    begin(qtbot, window)
    window.fit_to_screen(QSize(1280, 800))
    window.resize(1280, 800)
    screen = show(window, "cv_experience")
    qtbot.waitUntil(lambda: screen.keyboard.isVisible(), timeout=2000)
    view = screen.scroll.viewport()
    for key, field in screen.fields.items():
        top_left = field.edit.mapTo(view, field.edit.rect().topLeft())
        bottom = top_left.y() + field.edit.height()
        assert top_left.y() >= 0 and bottom <= view.height(), (key, top_left, view.height())
    assert field.edit.placeholderText(), "the example is inside the empty box"


def test_keep_and_find_wait_off_the_ui_thread_and_say_when_the_hub_is_unreachable(
    qtbot, window, kiosk, speaker, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """With a hub configured the spaces are at the hub: the screen waits (a message, the
    button off) while ctx.tasks asks it; a hub that does not answer is said and shown."""
    import socket

    from kiosk.cv.network import UNREACHABLE, HubSpaces
    from ui.cv.secret import WAIT

    with socket.socket() as free:  # a port nothing listens on: refused at once
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    window.ctx.apply_config(
        window.ctx.config.with_values(
            hub__url=f"http://127.0.0.1:{port}", hub__kiosk_id="k1", hub__token="t"
        )
    )
    state = begin(qtbot, window, cv=short_cv())
    assert isinstance(state.spaces(), HubSpaces)
    ran: list[str] = []
    original = window.ctx.tasks.run

    def counted(fn, on_success=None, on_failure=None, context=""):  # type: ignore[no-untyped-def]
        ran.append(context)
        return original(fn, on_success, on_failure, context)

    monkeypatch.setattr(window.ctx.tasks, "run", counted)
    keep = show(window, "cv_keep")
    type_code(qtbot, keep, "code", "385172")
    type_code(qtbot, keep, "code_again", "385172")
    tap(qtbot, keep.action)
    assert "cv cv_keep" in ran
    assert not keep.action.isEnabled(), "one tap at a time while the hub is asked"
    assert speaker.said[-1][0] == _(WAIT)
    qtbot.waitUntil(lambda: window.ctx.tasks.pending() == 0, timeout=20000)
    assert speaker.said[-1][0] == _(UNREACHABLE)
    assert keep.fields["code"].error.isVisible()
    assert window.current.NAME == "cv_keep" and state.space_id is None
    find = show(window, "cv_find")
    fill(qtbot, find, "first_name", "samira")
    type_code(qtbot, find, "code", "385172")
    tap(qtbot, find.action)
    assert "cv cv_find" in ran
    qtbot.waitUntil(lambda: window.ctx.tasks.pending() == 0, timeout=20000)
    assert speaker.said[-1][0] == _(UNREACHABLE)
    assert window.current.NAME == "cv_find"
