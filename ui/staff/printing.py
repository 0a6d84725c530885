"""A test page for the printer staff use, or a PDF (for tests and for checking the layout)."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk import __version__
from kiosk.errors import UserError
from kiosk.i18n import N_, _

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
    if pdf is not None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        target = str(pdf)
    else:
        info = (
            QPrinterInfo.printerInfo(printer_name)
            if printer_name
            else QPrinterInfo.defaultPrinter()
        )
        if info.isNull():
            raise UserError(NO_PRINTER)
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        target = info.printerName()
    document = QTextDocument()
    document.setHtml(test_page_html(agency))
    document.print_(printer)
    return target


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
