"""Laying out and painting a CV on A4: fitting it on one page, the PDF, the preview image.

Everything here may run on a worker thread: QPdfWriter, QImage, QPainter on them and
QTextDocument are usable outside the GUI thread (Qt's "Threads and QObjects": painting on
QImage, QPrinter/QPdfWriter and QPicture is supported in threads), as long as every object
is created and used on that one thread, which is what these functions do.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter, QTextDocument

from kiosk.cv.model import CV
from kiosk.cv.printed import Printable, printable
from kiosk.cv.suggestions import vocabulary
from kiosk.cv.templates import DEFAULT, names
from kiosk.errors import UserError
from kiosk.i18n import N_, _
from ui.cv_pdf import html
from ui.cv_pdf.fonts import base_font
from ui.cv_pdf.html import DENSITIES, Density

PAGE_W, PAGE_H = 595.276, 841.89  # A4 in points
MARGIN_X, MARGIN_Y = 46.0, 40.0
BAND_W = 178.0  # the side band, edge to edge
BAND_PAD = 20.0

TOO_LONG_KEEP = N_(
    "Your CV is too long for one page. It fits with your {count} most recent jobs. "
    "You can remove some jobs or tasks."
)
TOO_LONG = N_(
    "Your CV is too long for one page. Please make it shorter: remove some tasks, "
    "skills or sentences."
)
ROOMY_OVERFLOW = DENSITIES[2]  # the density of a CV that goes over one page anyway
UNKNOWN_TEMPLATE = N_("This CV model does not exist: {name}.")


@dataclass(frozen=True)
class RenderResult:
    """What happened: `fits` on one page, or not (then `message` says why, to show and speak).

    `message` is an English message id with `values` (empty when it fits); `explain()`
    gives the sentence in the current language.
    """

    fits: bool
    pages: int
    template: str
    lang: str
    density: Density
    message: str = ""
    values: Mapping[str, object] = field(default_factory=dict)
    milliseconds: float = 0.0

    def explain(self) -> str:
        return _(self.message).format(**self.values) if self.message else ""


@dataclass
class _Column:
    doc: QTextDocument
    x: float
    y: float
    width: float
    height: float  # what one page offers this column

    def pages(self) -> int:
        return max(1, int(-(-self.doc.size().height() // self.height)))

    def fits(self) -> bool:
        return self.doc.size().height() <= self.height + 0.5


@dataclass
class _Layout:
    template: str
    printed: Printable
    density: Density
    columns: list[_Column]
    band: QRectF | None = None

    def fits(self) -> bool:
        return all(c.fits() for c in self.columns)

    def pages(self) -> int:
        return max(c.pages() for c in self.columns)


def _document(text: str, width: float, rtl: bool) -> QTextDocument:
    doc = QTextDocument()
    doc.setUseDesignMetrics(True)
    doc.setDocumentMargin(0)
    doc.setDefaultFont(base_font(10))
    doc.setIndentWidth(12)
    option = doc.defaultTextOption()
    option.setTextDirection(
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    )
    doc.setDefaultTextOption(option)
    doc.setHtml(text)
    doc.setTextWidth(width)
    return doc


def _layout(printed: Printable, template: str, density: Density) -> _Layout:
    rtl = printed.rtl
    if template == "band":
        main_w = PAGE_W - BAND_W - 2 * MARGIN_X + 12
        side_w = BAND_W - 2 * BAND_PAD
        band_x = PAGE_W - BAND_W if rtl else 0.0
        main_x = MARGIN_X if rtl else BAND_W + MARGIN_X - 12
        heading = vocabulary().label("heading.contact", printed.lang)
        height = PAGE_H - 2 * MARGIN_Y
        main = _Column(
            _document(html.band_main(printed, density), main_w, rtl),
            main_x, MARGIN_Y, main_w, height,
        )  # fmt: skip
        side = _Column(
            _document(html.band_side(printed, density, heading), side_w, rtl),
            band_x + BAND_PAD, MARGIN_Y + 8, side_w, height - 8,
        )  # fmt: skip
        return _Layout(template, printed, density, [main, side], QRectF(band_x, 0, BAND_W, PAGE_H))
    width = PAGE_W - 2 * MARGIN_X
    column = _Column(
        _document(html.classic(printed, density), width, rtl),
        MARGIN_X, MARGIN_Y, width, PAGE_H - 2 * MARGIN_Y,
    )  # fmt: skip
    return _Layout(template, printed, density, [column])


def _fit(printed: Printable, template: str) -> _Layout:
    """The roomiest density that fits on one page (binary search: denser never grows),
    else the densest."""
    low, high = 0, len(DENSITIES) - 1
    densest = _layout(printed, template, DENSITIES[high])
    if not densest.fits():
        return densest
    best = densest
    while low < high:
        middle = (low + high) // 2
        attempt = _layout(printed, template, DENSITIES[middle])
        if attempt.fits():
            best, high = attempt, middle
        else:
            low = middle + 1
    return best if best.density == DENSITIES[low] else _layout(printed, template, DENSITIES[low])


def _how_many_fit(cv: CV, lang: str, template: str) -> int:
    """How many of the most recent jobs fit at the densest setting (0 if none)."""
    low, high = 0, len(cv.experiences)
    while low < high:
        middle = (low + high + 1) // 2
        keep = printable(cv, lang, keep_experiences=middle)
        if _layout(keep, template, DENSITIES[-1]).fits():
            low = middle
        else:
            high = middle - 1
    return low


def _paint(painter: QPainter, layout: _Layout, page: int) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    # Reading order of the text layer: name and main column first, then the band.
    if layout.band is not None:
        painter.fillRect(layout.band, QColor(html.BAND))
    for column in layout.columns:
        top = page * column.height
        if top >= column.doc.size().height():
            continue
        painter.save()
        painter.translate(column.x, column.y - top)
        column.doc.drawContents(painter, QRectF(0, top, column.width, column.height))
        painter.restore()


def _check(template: str) -> str:
    if template not in names():
        raise UserError(UNKNOWN_TEMPLATE, name=template)
    return template


def layout_cv(
    cv: CV, template: str = DEFAULT, lang: str | None = None
) -> tuple[_Layout, RenderResult]:
    """Fit the CV on A4; the result says whether it fits and, if not, what would."""
    began = time.perf_counter()
    template = _check(template)
    lang = lang or cv.language
    printed = printable(cv, lang)
    layout = _fit(printed, template)
    if layout.fits():
        result = RenderResult(True, 1, template, printed.lang, layout.density)
    else:
        count = _how_many_fit(cv, lang, template) if cv.experiences else 0
        # Over one page anyway: print it roomy, the lines flowing whole onto the next page
        # (nothing is cut), and say so.
        layout = _layout(printed, template, ROOMY_OVERFLOW)
        for column in layout.columns:
            column.doc.setPageSize(QSizeF(column.width, column.height))
        message, values = (TOO_LONG_KEEP, {"count": count}) if count else (TOO_LONG, {})
        result = RenderResult(
            False, layout.pages(), template, printed.lang, layout.density, message, values
        )
    elapsed = (time.perf_counter() - began) * 1000
    return layout, RenderResult(**{**result.__dict__, "milliseconds": elapsed})


def render_pdf(
    cv: CV, path: Path, template: str = DEFAULT, lang: str | None = None
) -> RenderResult:
    """Write the CV as an A4 PDF at `path` (fonts embedded, text selectable).

    One page when it fits; otherwise the text flows on to a second page and the result
    says so (`fits` False, `message`). Safe to call on a worker thread.
    """
    began = time.perf_counter()
    layout, result = layout_cv(cv, template, lang)
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle(cv.identity.name or "CV")
    writer.setCreator("France Travail kiosk")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {path}")
    try:
        scale = writer.resolution() / 72.0
        for page in range(result.pages):
            if page:
                writer.newPage()
            painter.save()
            painter.scale(scale, scale)
            _paint(painter, layout, page)
            painter.restore()
    finally:
        painter.end()
    elapsed = (time.perf_counter() - began) * 1000
    return RenderResult(**{**result.__dict__, "milliseconds": elapsed})


def render_preview(
    cv: CV, width: int = 595, template: str = DEFAULT, lang: str | None = None, page: int = 0
) -> tuple[QImage, RenderResult]:
    """Page `page` as an image `width` pixels wide (A4 proportions), for the live preview.

    Safe on a worker thread; hand the QImage to the UI thread (QPixmap.fromImage there).
    """
    layout, result = layout_cv(cv, template, lang)
    height = round(width * PAGE_H / PAGE_W)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.scale(width / PAGE_W, width / PAGE_W)
        _paint(painter, layout, min(page, result.pages - 1))
    finally:
        painter.end()
    return image, result


Renderer = Callable[[CV, Path, str, "str | None"], RenderResult]
