"""The "my possible jobs" sheet to bring to an adviser: each job in the person's language
with its French title (the adviser's and employers' name for it), why it was suggested, what
it takes and the offers nearby. Printed like the offer and the CV (ui/printer.py), off the
UI thread; right to left in Arabic and Persian."""

from __future__ import annotations

import html
from pathlib import Path

from kiosk.i18n import N_, _, current
from kiosk.orientation import Suggestion
from ui.orient.answer import job_title, offers_text
from ui.printer import print_html

NO_PRINTER = N_("No printer is available. Please ask a staff member.")
SHEET_TITLE = N_("My possible jobs")
FOR_ADVISER = N_("Bring this page to an adviser: these jobs were suggested from my answers.")


def sheet_html(suggestions: tuple[Suggestion, ...] | list[Suggestion], language: str) -> str:
    direction = "rtl" if current().rtl else "ltr"
    rows = []
    for n, s in enumerate(suggestions, start=1):
        name = job_title(s, language)
        french = (
            f" <span lang='fr' dir='ltr'>({html.escape(s.label)})</span>" if name != s.label else ""
        )
        rows.append(
            f"<h2>{n}. {html.escape(name)}{french}</h2>"
            f"<p><b>{html.escape(s.why())}</b></p>"
            f"<p lang='fr' dir='ltr'>{html.escape(s.description)}</p>"
            f"<p>{html.escape(s.access_text())} — {html.escape(offers_text(s.offers))}</p>"
            f"<p dir='ltr'>ROME {html.escape(s.code)}</p>"
        )
    return (
        f"<div dir='{direction}'><h1>{html.escape(_(SHEET_TITLE))}</h1>"
        f"<p>{html.escape(_(FOR_ADVISER))}</p>{''.join(rows)}</div>"
    )


def print_sheet(document_html: str, printer_name: str = "", pdf: Path | None = None) -> str:
    """Print; returns where it went. UserError(NO_PRINTER) when there is no printer."""
    return print_html(document_html, printer_name, pdf, NO_PRINTER)
