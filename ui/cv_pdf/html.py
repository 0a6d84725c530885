"""The two templates as rich text for QTextDocument, at a given density.

Text is written in reading order (name, wanted job, contact, then sections), so the PDF's
text layer reads in that order for an applicant tracking system. Sizes are in points (the
renderer paints at 1 unit = 1/72 inch).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from kiosk.cv.printed import Entry, Printable, Section
from ui.cv_pdf.fonts import printable_text

INK = "#1a1a1a"
GREY = "#4a4a4a"  # 8.9:1 on white
ACCENT = "#00376b"  # France Travail-like dark blue
BAND = "#e6eef7"  # the side band: light, so it prints well and keeps dark text at 10:1
SIDE_SECTIONS = ("skills", "languages", "mobility", "interests")
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"  # bidi isolates (Unicode UAX #9)


@dataclass(frozen=True)
class Density:
    """How tight the page is: spacing shrinks first, then the font, then tasks share a line."""

    spacing: float = 1.0
    font: float = 1.0
    compact: int = 0  # 1: tasks on one line, short dates; 2: one paragraph per entry

    def px(self, size: float) -> float:
        return round(size * self.font, 2)

    def gap(self, size: float) -> int:
        return round(size * self.spacing)


# From roomy to dense. The renderer takes the first that fits on one page.
DENSITIES = (
    Density(1.0, 1.0),
    Density(0.8, 1.0),
    Density(0.6, 1.0),
    Density(0.4, 1.0),
    Density(0.3, 0.94),
    Density(0.25, 0.88),
    Density(0.2, 0.84),
    Density(0.2, 0.84, compact=1),
    Density(0.15, 0.8, compact=1),
    Density(0.15, 0.8, compact=2),
    Density(0.1, 0.8, compact=2),
)


def _t(text: str) -> str:
    return escape(printable_text(text))


def _join(parts: list[str], rtl: bool, separator: str = "  ·  ") -> str:
    """Pieces side by side; in Arabic each is isolated so "3 أشهر" or a French place name
    keeps its own direction and the pieces read right to left."""
    kept = [_t(p) for p in parts if p]
    return separator.join(f"{FSI}{p}{PDI}" for p in kept) if rtl else separator.join(kept)


class _Writer:
    def __init__(self, cv: Printable, d: Density) -> None:
        self.cv, self.d = cv, d
        self.dir = ' dir="rtl"' if cv.rtl else ""
        self.parts: list[str] = []

    def p(self, text: str, size: float, *, colour: str = INK, bold: bool = False,
          top: float = 0, bottom: float = 0, extra: str = "") -> None:  # fmt: skip
        weight = "font-weight:bold;" if bold else ""
        self.parts.append(
            f'<p{self.dir} style="font-size:{self.d.px(size)}px;color:{colour};{weight}'
            f'margin-top:{self.d.gap(top)}px;margin-bottom:{self.d.gap(bottom)}px;{extra}">'
            f"{text}</p>"
        )

    def heading(self, section: Section, size: float = 11.5) -> None:
        """The section's name in dark blue, on a thin rule (a table cell's bottom border)."""
        upper = "" if self.cv.rtl else "text-transform:uppercase;letter-spacing:0.6px;"
        self.parts.append(
            f'<table{self.dir} width="100%" cellspacing="0" cellpadding="0" '
            f'style="margin-top:{self.d.gap(13)}px;margin-bottom:{self.d.gap(4)}px;">'
            f'<tr><td style="border-bottom:0.8px solid {ACCENT};padding-bottom:1px;'
            f'font-size:{self.d.px(size)}px;color:{ACCENT};font-weight:bold;{upper}">'
            f"{_t(section.heading)}</td></tr></table>"
        )

    def tasks(self, lines: tuple[str, ...], size: float = 9.5) -> None:
        self.parts.append(self.tasks_html(lines, size))

    def tasks_html(self, lines: tuple[str, ...], size: float = 9.5) -> str:
        if not lines:
            return ""
        if self.d.compact:
            return (
                f'<p{self.dir} style="font-size:{self.d.px(size)}px;color:{GREY};margin:0px;">'
                + _join(list(lines), self.cv.rtl, " · ")
                + "</p>"
            )
        items = "".join(f"<li>{_t(line)}</li>" for line in lines)
        return (
            f'<ul{self.dir} style="font-size:{self.d.px(size)}px;color:{GREY};'
            f'margin-top:{self.d.gap(1)}px;margin-bottom:0px;-qt-list-indent:1;">{items}</ul>'
        )

    def html(self) -> str:
        return "<html><body>" + "".join(self.parts) + "</body></html>"


def _contact_line(cv: Printable) -> str:
    items = [f"{LRI}{_t(c)}{PDI}" if cv.rtl else _t(c) for c in cv.contacts]
    return "  ·  ".join(items)  # phone and e-mail are left to right even in Arabic


def _identity(w: _Writer, contacts: bool) -> None:
    cv = w.cv
    if cv.name:
        w.p(_t(cv.name), 24, bold=True, bottom=2)
    if cv.headline:
        w.p(_t(cv.headline), 13, colour=ACCENT, bold=True, bottom=2)
    if contacts and cv.contacts:
        w.p(_contact_line(cv), 10, colour=GREY, top=2)


def _classic_entry(w: _Writer, entry: Entry, dates_width: int) -> None:
    """Dates in a narrow column, then the job, the place and the tasks."""
    d, rtl = w.d, w.cv.rtl
    if d.compact >= 2:
        head = f"<b>{_t(entry.title)}</b>" + (f"  ·  {_t(entry.place)}" if entry.place else "")
        rest = _join(list(entry.lines), rtl, " · ")
        content = f'<p{w.dir} style="margin:0px;">{head}' + (
            f' <span style="color:{GREY};font-size:{d.px(9.5)}px;">— {rest}</span></p>'
            if rest
            else "</p>"
        )
    elif d.compact == 1:
        place = f'<span style="color:{GREY};">  ·  {_t(entry.place)}</span>' if entry.place else ""
        content = f'<p{w.dir} style="margin:0px;"><b>{_t(entry.title)}</b>{place}</p>'
        content += w.tasks_html(entry.lines)
    else:
        content = f'<p{w.dir} style="margin:0px;"><b>{_t(entry.title)}</b></p>'
        if entry.place:
            content += f'<p{w.dir} style="margin:0px;color:{GREY};">{_t(entry.place)}</p>'
        content += w.tasks_html(entry.lines)
    when = entry.short_dates if d.compact else entry.dates
    dates = (
        f'<td width="{dates_width}" style="font-size:{d.px(9.5)}px;color:{GREY};'
        f'padding-top:{max(0, round(d.px(0.8)))}px;">{_t(when)}</td>'
    )
    body = f'<td style="font-size:{d.px(10.5)}px;color:{INK};">{content}</td>'
    # Qt does not mirror table columns: in Arabic the dates column is put on the right.
    cells = body + dates if rtl else dates + body
    w.parts.append(
        f'<table{w.dir} width="100%" cellspacing="0" cellpadding="0" '
        f'style="margin-top:{d.gap(6)}px;margin-bottom:0px;"><tr>{cells}</tr></table>'
    )


def classic(cv: Printable, d: Density) -> str:
    """One column: name, then every section under a dark-blue heading and a thin rule."""
    w = _Writer(cv, d)
    _identity(w, contacts=True)
    for section in cv.sections:
        w.heading(section)
        if section.text:
            w.p(_t(section.text), 10.5, top=4)
        for entry in section.entries:
            _classic_entry(w, entry, dates_width=round(92 * d.font))
        if section.items:
            w.p(_join(list(section.items), cv.rtl), 10.5, top=4)
    return w.html()


def band_main(cv: Printable, d: Density) -> str:
    """The band template's main column: name, profile, experience, education."""
    w = _Writer(cv, d)
    _identity(w, contacts=False)
    for section in cv.sections:
        if section.key in SIDE_SECTIONS:
            continue
        w.heading(section)
        if section.text:
            w.p(_t(section.text), 10.5)
        for entry in section.entries:
            when = entry.short_dates if d.compact else entry.dates
            meta = _join([entry.place, when], cv.rtl)
            if d.compact >= 2:
                rest = _join(list(entry.lines), cv.rtl, " · ")
                line = f"<b>{_t(entry.title)}</b>" + (f"  ·  {meta}" if meta else "")
                line += f' <span style="color:{GREY};">— {rest}</span>' if rest else ""
                w.p(line, 9.5, top=4)
                continue
            w.p(f"<b>{_t(entry.title)}</b>", 10.5, top=6)
            if meta:
                w.p(meta, 9.5, colour=GREY)
            w.tasks(entry.lines)
    return w.html()


def band_side(cv: Printable, d: Density, contact_heading: str) -> str:
    """The coloured band: contact details, then skills, languages, mobility, interests."""
    w = _Writer(cv, d)
    if cv.contacts:
        w.p(escape(contact_heading), 11, colour=ACCENT, bold=True, bottom=3)
        for c in cv.contacts:
            w.p(f"{LRI}{_t(c)}{PDI}" if cv.rtl else _t(c), 9.5, bottom=2)
    for section in cv.sections:
        if section.key not in SIDE_SECTIONS:
            continue
        w.p(_t(section.heading), 11, colour=ACCENT, bold=True, top=14, bottom=3)
        for item in section.items:
            w.p(_t(item), 9.5, bottom=2)
    return w.html()
