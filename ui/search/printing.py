"""Printing an offer with Qt printing, off the UI thread (ctx.tasks), to the configured printer
or the system's default one, or to a PDF file (tests)."""

from __future__ import annotations

import html
from pathlib import Path

from kiosk.catalogue.search import OfferDetail
from kiosk.i18n import N_, _
from ui.printer import print_html
from ui.search import words

NO_PRINTER = N_("No printer is available. Please ask a staff member.")


def offer_html(offer: OfferDetail) -> str:
    """The summary, then the full text unaltered, then its update date (the API's licence)."""
    rows = "".join(
        f"<tr><td><b>{html.escape(head)}</b></td><td>{html.escape(text)}</td></tr>"
        for head, text in words.summary(offer)
    )
    body = html.escape(offer.description).replace("\n", "<br>")
    demo = f"<p><b>{html.escape(_(words.DEMO))}</b></p>" if offer.card.demo else ""
    return (
        f"<h1>{html.escape(offer.card.title)}</h1>{demo}<table cellpadding='4'>{rows}</table>"
        f"<hr><p>{body}</p><p><i>{html.escape(words.update_date(offer))}</i></p>"
        f"<p>{html.escape(offer.url or '')}</p>"
    )


def print_offer(document_html: str, printer_name: str = "", pdf: Path | None = None) -> str:
    """Print; returns where it went. UserError(NO_PRINTER) when there is no printer."""
    return print_html(document_html, printer_name, pdf, NO_PRINTER)
