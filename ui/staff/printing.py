"""A test page for the printer staff use, or a PDF (for tests and for checking the layout)."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtPrintSupport import QPrinterInfo

from kiosk import __version__
from kiosk.i18n import N_, _
from ui.printer import print_html

NO_PRINTER = N_("No printer found. Check that it is switched on and installed.")


def test_page_html(agency: str = "") -> str:
    now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return (
        "<h1>France Travail — test</h1>"
        f"<p>{html.escape(agency)}</p>"
        f"<p>kiosk {__version__} — {now}</p>"
        "<p>Français : àâçéèêëîïôùûüœ — English — <span dir='rtl'>العربية: مرحبا</span></p>"
    )


def print_test_page(printer_name: str = "", pdf: Path | None = None, agency: str = "") -> str:
    """Print the test page; returns where it went. UserError when there is no printer."""
    return print_html(test_page_html(agency), printer_name, pdf, NO_PRINTER)


def printer_state(printer_name: str) -> str:
    """For the status screen: which printer would be used, or why none."""
    names = QPrinterInfo.availablePrinterNames()
    if printer_name:
        if printer_name in names:
            return printer_name
        return _("{printer} is not installed").format(printer=printer_name)
    default = QPrinterInfo.defaultPrinterName()
    if default:
        return default
    return _("No default printer") if names else _("No printer installed")
