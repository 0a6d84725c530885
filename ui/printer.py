"""Which printer to print on, and printing a page of HTML. Used by the offer, the CV and the
staff test page, each with its own plain message for "no printer"; runs on worker threads."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk import devices
from kiosk.errors import UserError


def open_printer(name: str, no_printer: str) -> QPrinter:
    """The configured printer, or the default one, or the only one; UserError(no_printer)
    when there is none, or the configured one is missing."""
    available = QPrinterInfo.availablePrinters()
    if not available:
        raise UserError(no_printer)
    info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo.defaultPrinter()
    if info.isNull():
        if name:
            raise UserError(no_printer)
        info = available[0]
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    if not printer.isValid():
        raise UserError(no_printer)
    return printer


def print_html(document_html: str, printer_name: str, pdf: Path | None, no_printer: str) -> str:
    """Print the page, or write it to `pdf`; returns where it went. A real print's outcome is
    recorded for the hub's heartbeat (kiosk.devices)."""
    if pdf is not None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
    else:
        try:
            printer = open_printer(printer_name, no_printer)
        except UserError:
            devices.record_print(False, f"no printer {printer_name or '(default)'} available")
            raise
    document = QTextDocument()
    document.setHtml(document_html)
    document.print_(printer)
    if pdf is not None:
        return str(pdf)
    # Qt cannot say whether CUPS took the job; a printer that failed on the way is "error".
    if printer.printerState() == QPrinter.PrinterState.Error:
        devices.record_print(False, f"printing on {printer.printerName()} failed")
    else:
        devices.record_print(True)
    return printer.printerName()
