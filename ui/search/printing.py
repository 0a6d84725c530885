"""Printing an offer with Qt printing, off the UI thread (ctx.tasks), to the configured printer
or the system's default one, or to a PDF file (tests). The page has the plain summary in the
person's language (right to left in Arabic) and the offer's own French text, marked French."""

from __future__ import annotations

import html
from pathlib import Path

from kiosk.catalogue.plain import Said
from kiosk.catalogue.search import OfferDetail
from kiosk.i18n import N_, _, current
from ui.printer import print_html
from ui.search import summary, words

NO_PRINTER = N_("No printer is available. Please ask a staff member.")


def offer_html(offer: OfferDetail) -> str:
    """The summary, then the full text unaltered, then its update date (the API's licence)."""

    def cell(said: Said) -> str:
        lang = f" lang='{said.language}'" if said.language else ""
        return f"<span{lang}>{html.escape(said.shown)}</span>"

    rows = "".join(
        f"<tr><td><b>{html.escape(row.heading)}</b></td>"
        f"<td>{'<br>'.join(cell(said) for said in row.lines)}</td></tr>"
        for row in summary.rows(offer)
    )
    body = html.escape(offer.description).replace("\n", "<br>")
    demo = f"<p><b>{html.escape(_(words.DEMO))}</b></p>" if offer.card.demo else ""
    direction = "rtl" if current().rtl else "ltr"
    return (
        f"<div dir='{direction}'><h1 lang='fr'>{html.escape(offer.card.title)}</h1>{demo}"
        f"<table cellpadding='4'>{rows}</table></div>"
        f"<hr><div dir='ltr' lang='fr'><p>{body}</p></div>"
        f"<div dir='{direction}'><p><i>{html.escape(words.update_date(offer))}</i></p>"
        f"<p dir='ltr'>{html.escape(offer.url or '')}</p></div>"
    )


def print_offer(document_html: str, printer_name: str = "", pdf: Path | None = None) -> str:
    """Print; returns where it went. UserError(NO_PRINTER) when there is no printer."""
    return print_html(document_html, printer_name, pdf, NO_PRINTER)
