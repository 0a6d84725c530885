"""Make my CV by touch alone, in French and in Arabic: every question, the preview, printing,
the e-mail; what was said along the way; what was saved at each step."""

from __future__ import annotations

import json
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from kiosk.cv.validation import NAME_MISSING
from kiosk.i18n import _
from tests.ui.taps import tap
from tests.ui.test_cv_wizard_helpers import fill
from ui.cv import output
from ui.cv.summary import spoken_summary
from ui.screens.cv_email import SENDING_SPOKEN
from ui.screens.cv_preview import PRINTING

NAMES = {"fr": "Samira Benali", "ar": "سميرة بن علي"}


def saved_cv(kiosk) -> dict:  # type: ignore[no-untyped-def,type-arg]
    row = kiosk.store.execute("SELECT payload FROM session_items WHERE kind = 'cv'").fetchone()
    assert row is not None, "nothing autosaved"
    return json.loads(row[0])  # type: ignore[no-any-return]


@pytest.fixture
def pdf_printer(monkeypatch, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A printer that writes a PDF: the kiosk's printing path, without a real printer."""
    path = tmp_path / "printed.pdf"

    def open_printer(_name: str, _no_printer: str) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return printer

    monkeypatch.setattr(output, "open_printer", open_printer)
    return path


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_whole_cv_by_touch_alone(qtbot, window, kiosk, speaker, pdf_printer, lang: str) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, window.welcome.buttons[lang])
    tap(qtbot, window.current.tiles["cv_start"])
    start = window.current
    assert start.NAME == "cv_start"
    assert speaker.said[-1] == (start.spoken_intro(), lang)
    tap(qtbot, start.begin)

    # Who are you: the name is required, and saying so is spoken next to the field.
    screen = window.current
    assert screen.NAME == "cv_identity"
    assert speaker.said[-1] == (screen.spoken_intro(), lang)
    tap(qtbot, screen.next)
    assert window.current is screen
    assert speaker.said[-1] == (_(NAME_MISSING), lang)
    assert screen.fields["name"].error.isVisible()
    fill(qtbot, screen, "name", NAMES[lang])
    tap(qtbot, screen.next)
    assert saved_cv(kiosk)["basics"]["name"] == NAMES[lang], "autosaved before moving on"

    # One question per screen: the phone, then the e-mail address and the town, skipped.
    screen = window.current
    assert screen.NAME == "cv_phone"
    assert speaker.said[-1] == (screen.spoken_intro(), lang)
    assert screen.keyboard is not None and screen.keyboard.layout() == "keypad", "digits first"
    fill(qtbot, screen, "phone", "0612345678")
    tap(qtbot, screen.next)
    assert saved_cv(kiosk)["basics"]["phone"] == "06 12 34 56 78"
    for name in ("cv_address", "cv_town"):
        assert name == window.current.NAME and window.current.skip.isVisible()
        tap(qtbot, window.current.skip)

    # The job wanted, found with the job search's resolver, off the UI thread.
    screen = window.current
    assert screen.NAME == "cv_jobs"
    fill(qtbot, screen, "label", "cuisinier")
    tap(qtbot, screen.search)
    qtbot.waitUntil(lambda: bool(screen.results.chips), timeout=10000)
    tap(qtbot, next(iter(screen.results.chips.values())))
    assert len(window.current.state.cv.wanted_jobs) == 1
    tap(qtbot, screen.next)

    # One job with approximate dates and a task picked from the suggestions.
    screen = window.current
    assert screen.NAME == "cv_experiences"
    tap(qtbot, screen.add)
    screen = window.current
    assert screen.NAME == "cv_experience"
    fill(qtbot, screen, "job", "Commis")
    fill(qtbot, screen, "period", "2019-2021")
    tap(qtbot, screen.next)
    screen = window.current
    assert screen.NAME == "cv_tasks"
    tap(qtbot, next(iter(screen.chips.chips.values())))
    tap(qtbot, screen.next)
    screen = window.current
    assert screen.NAME == "cv_experiences" and len(screen.row_buttons) == 1
    tap(qtbot, screen.next)

    # Other experience: skipped. Education: "No diploma" is a fine answer.
    assert window.current.NAME == "cv_others"
    tap(qtbot, window.current.skip)
    screen = window.current
    assert screen.NAME == "cv_education"
    tap(qtbot, screen.no_diploma)
    tap(qtbot, screen.next)
    screen = window.current
    assert screen.NAME == "cv_skills"
    tap(qtbot, next(iter(screen.chips.chips.values())))
    tap(qtbot, screen.next)
    screen = window.current
    assert screen.NAME == "cv_languages"
    tap(qtbot, screen.rows["ar"].chips["native"])
    tap(qtbot, screen.rows["fr"].chips["can_talk"])
    tap(qtbot, screen.next)
    screen = window.current
    assert screen.NAME == "cv_mobility"
    tap(qtbot, screen.licences.chips["B"])
    tap(qtbot, screen.next)
    assert window.current.NAME == "cv_interests"
    tap(qtbot, window.current.skip)
    screen = window.current
    assert screen.NAME == "cv_about"
    tap(qtbot, next(iter(screen.chips.chips.values())))
    tap(qtbot, screen.next)

    # The preview: rendered off the UI thread, summarised aloud without personal details.
    preview = window.current
    assert preview.NAME == "cv_preview"
    cv = preview.state.cv
    assert cv.no_diploma and cv.licences == ("B",) and len(cv.skills) == 1
    assert {s.code for s in cv.languages} == {"fr", "ar"}
    assert cv.experiences[0].period is not None and len(cv.experiences[0].tasks) == 1
    said = speaker.said[-1]
    assert said[1] == lang and spoken_summary(cv) in said[0]
    assert NAMES[lang] not in said[0] and "06" not in said[0]
    qtbot.waitUntil(lambda: not preview.page.pixmap().isNull(), timeout=20000)
    tap(qtbot, preview.templates.chips["band"])
    assert preview.state.template == "band"

    tap(qtbot, preview.print_)
    qtbot.waitUntil(lambda: speaker.said[-1] == (_(PRINTING), lang), timeout=20000)
    assert pdf_printer.stat().st_size > 10_000, "the page was painted"

    # E-mail is offered only where it can leave: a mail server (not listening here, so the
    # e-mail waits in the outbox; no background worker runs in this test).
    window.ctx.apply_config(
        window.ctx.config.with_values(
            smtp__host="127.0.0.1", smtp__port=9, smtp__starttls=False, smtp__sender="k@x.org"
        )
    )
    tap(qtbot, preview.email)
    screen = window.current
    assert screen.NAME == "cv_email"
    fill(qtbot, screen, "email", "samira@gmail.com")
    tap(qtbot, screen.send)
    qtbot.waitUntil(lambda: speaker.said[-1] == (_(SENDING_SPOKEN), lang), timeout=20000)
    row = kiosk.store.execute("SELECT kind, payload FROM outbox").fetchone()
    payload = json.loads(row[1])
    assert row[0] == "email" and payload["to"] == "samira@gmail.com"
    attached = payload["attachments"][0]
    assert attached["content_type"] == "application/pdf" and attached["data_b64"]
    assert "samira@gmail.com" in screen.sent.text(), "the address is shown"
    assert all("samira@gmail.com" not in t for t, _l in speaker.said), "but never said"

    assert {language for _t, language in speaker.said} == {lang}, "all speech in one language"


def test_the_printed_name_comes_out_as_text_in_the_e_mailed_pdf(qtbot, window, kiosk) -> None:  # type: ignore[no-untyped-def]
    import base64

    from kiosk.cv.samples import short_cv

    payload = output.attachment(short_cv(), "classic")
    pdf = base64.b64decode(payload["data_b64"])
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Samira Benali" in unicodedata.normalize("NFKC", text)
    assert payload["filename"] == "CV Samira Benali.pdf"
