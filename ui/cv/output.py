"""Leaving with the CV: printed, written to a USB stick, or as an e-mail attachment.

Each function runs on a worker thread (ctx.tasks.run): it makes its own Qt painting objects
there, as ui.cv_pdf does, and never touches a widget.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import re
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from kiosk.cv.model import CV
from kiosk.errors import UserError
from kiosk.i18n import N_
from ui.cv import usb
from ui.cv_pdf import RenderResult, checked, render_pdf, render_preview
from ui.printer import open_printer

log = logging.getLogger(__name__)

NO_PRINTER = N_("There is no printer here. Please ask a staff member.")
NO_STICK = N_(
    "There is no USB stick in the kiosk. Please put your USB stick in, then touch the button again."
)
NOT_WRITTEN = N_(
    "Your CV could not be written on the USB stick. It may be full. "
    "Please try another stick, or ask a staff member."
)
PRINT_DPI = 300  # sharp on paper; the printer's own 1200 dpi would need a 500 MB image


def file_name(cv: CV) -> str:
    """ "CV Marie Dupont.pdf": letters of any script kept; signs a USB stick refuses dropped."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "", cv.identity.name).strip(" .")
    return f"CV {name[:60]}.pdf" if name else "CV.pdf"


def print_cv(cv: CV, template: str, printer_name: str = "") -> RenderResult:
    printer = open_printer(printer_name, NO_PRINTER)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFullPage(True)
    printer.setDocName(file_name(cv))
    width_px = round(
        QPageSize(QPageSize.PageSizeId.A4).size(QPageSize.Unit.Inch).width() * PRINT_DPI
    )
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError(NO_PRINTER)
    try:
        image, result = render_preview(cv, width_px, template)
        target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        for page in range(result.pages):
            if page:
                printer.newPage()
                image, result = render_preview(cv, width_px, template, page=page)
            painter.drawImage(QRectF(0, 0, target.width(), target.height()), image)
    finally:
        painter.end()
    return result


def save_to_stick(cv: CV, template: str) -> Path:
    """Write the PDF on the first USB stick; returns its path.

    UserError when no stick is there, or when the stick could not take all of the PDF (full,
    pulled out, read-only): then no file is left that looks like the CV.
    """
    found = usb.drives()
    if not found:
        raise UserError(NO_STICK)
    folder = found[0]
    base = file_name(cv)
    path = folder / base
    n = 2
    while path.exists():
        path = folder / f"{base[:-4]} ({n}).pdf"
        n += 1
    # Written beside it and renamed: a stick pulled out mid-way leaves no half CV.
    partial = folder / f".{path.name}.part"
    try:
        data, _result = checked.rendered(cv, template, render=render_pdf)
        checked.write_whole(partial, data)
        partial.replace(path)
        checked.sync_folder(folder)
    except OSError as exc:
        log.warning("the CV could not be written on the USB stick %s: %s", folder, exc)
        raise UserError(NOT_WRITTEN) from exc
    finally:
        # A stick pulled out or turned read-only keeps its .part: it was never renamed to a CV.
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    return path


def attachment(cv: CV, template: str) -> dict[str, Any]:
    """The PDF as an outbox attachment: {filename, content_type, data_b64}."""
    with tempfile.TemporaryDirectory(prefix="kiosk-cv-") as folder:
        path = Path(folder) / "cv.pdf"
        render_pdf(cv, path, template)
        data = path.read_bytes()
    return {
        "filename": file_name(cv),
        "content_type": "application/pdf",
        "data_b64": base64.b64encode(data).decode("ascii"),
    }
