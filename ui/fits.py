"""Does the screen fit? Every visible text and control is checked against its box and the
window: text that needs more room than its label or button has (elided or clipped), a
control cut by the window or by a parent (a scroll area's viewport may cut what can be
scrolled to), a touch target under MIN_TARGET, a window larger than the screen.

`kiosk screenshots` counts what it finds and tests/ui/test_fits.py fails on it, naming each
offender (screen, widget, text) so the owner of the screen can find it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollBar,
    QStyle,
    QStyleOptionButton,
    QTextEdit,
    QWidget,
)

from ui import theme

SLACK = 2  # px: rounding between how Qt lays text out and how it is measured here
CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QTextEdit, QPlainTextEdit, QAbstractSlider)


@dataclass(frozen=True)
class Offence:
    screen: str
    widget: str
    text: str
    problem: str

    def __str__(self) -> str:
        text = self.text.replace("\n", " ")
        text = text if len(text) <= 60 else text[:57] + "..."
        return f"{self.screen} | {self.widget} | {text!r} | {self.problem}"


def describe(widget: QWidget) -> str:
    """A name a developer can search for: the class, its object name, its parent's class."""
    name = type(widget).__name__
    if widget.objectName():
        name += f"#{widget.objectName()}"
    parent = widget.parentWidget()
    if parent is not None:
        pname = type(parent).__name__ + (f"#{parent.objectName()}" if parent.objectName() else "")
        name += f" in {pname}"
    return name


def text_of(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.text() or widget.accessibleName()
    if isinstance(widget, QLineEdit):
        return widget.text() or widget.placeholderText() or widget.accessibleName()
    return widget.accessibleName()


def check_window(window: QWidget, screen: QSize, name: str, roots: list[QWidget]) -> list[Offence]:
    """Everything wrong on what `window` shows now; `roots` are the parts to walk (the bar,
    the message area, the current screen)."""
    found: list[Offence] = []
    if window.width() > screen.width() or window.height() > screen.height():
        found.append(
            Offence(
                name,
                "window",
                "",
                f"window is {window.width()}x{window.height()}, "
                f"larger than the screen {screen.width()}x{screen.height()}",
            )
        )
    for root in roots:
        if not root.isVisibleTo(window):
            continue
        widgets = [root, *root.findChildren(QWidget)]
        for widget in widgets:
            if widget.isVisibleTo(window) and widget.window() is window:
                found.extend(check_widget(widget, window, name))
    return _grouped(found)


def _grouped(found: list[Offence]) -> list[Offence]:
    """A list cut by its scroll area cuts every row: the first few rows are named, the rest
    counted, so the report stays readable."""
    kept: list[Offence] = []
    counts: dict[str, int] = {}
    for offence in found:
        if offence.problem.startswith("cut by the side"):
            counts[offence.problem] = counts.get(offence.problem, 0) + 1
            if counts[offence.problem] > 3:
                continue
        kept.append(offence)
    for problem, count in counts.items():
        if count > 3:
            kept.append(Offence(found[0].screen, "...", "", f"and {count - 3} more {problem}"))
    return kept


def check_widget(widget: QWidget, window: QWidget, name: str) -> list[Offence]:
    found: list[Offence] = []
    if widget.objectName().startswith("qt_"):  # Qt's own parts (a table's corner button)
        return found

    def offend(problem: str) -> None:
        found.append(Offence(name, describe(widget), text_of(widget), problem))

    if isinstance(widget, QAbstractScrollArea):
        content = getattr(widget, "widget", lambda: None)()
        viewport = widget.viewport()
        if (
            content is not None
            and widget.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            and content.width() > viewport.width() + SLACK
        ):
            offend(
                f"content needs {content.width()} px wide, has {viewport.width()}: "
                f"its far side is cut; widest part: {_widest(content)}"
            )
        return found
    is_control = isinstance(widget, CONTROLS) and not isinstance(widget, QScrollBar)
    is_text = isinstance(widget, QLabel) and bool(widget.text().strip())
    if not (is_control or is_text):
        return found
    if is_control:
        short = min(widget.width(), widget.height())
        if short < theme.MIN_TARGET:
            offend(
                f"touch target {widget.width()}x{widget.height()} px, under {theme.MIN_TARGET} px"
            )
    if isinstance(widget, QLabel) and is_text:
        problem = _label_overflow(widget)
        if problem:
            offend(problem)
    elif isinstance(widget, QAbstractButton) and widget.text() and widget.layout() is None:
        # A button with a layout draws its words with child labels, checked on their own.
        problem = _button_overflow(widget)
        if problem:
            offend(problem)
    cut = _cut_by(widget, window)
    if cut:
        offend(cut)
    return found


def _widest(content: QWidget) -> str:
    """The deepest visible part whose own minimum width makes `content` too wide."""
    need = content.minimumSizeHint().width()
    best: tuple[int, QWidget] | None = None
    for child in content.findChildren(QWidget):
        if not child.isVisibleTo(content):
            continue
        width = max(child.minimumWidth(), child.minimumSizeHint().width())
        if width >= need - 150:
            depth, parent = 0, child.parentWidget()
            while parent is not None and parent is not content:
                depth, parent = depth + 1, parent.parentWidget()
            if best is None or depth > best[0]:
                best = (depth, child)
    if best is None:
        return f"side by side parts, {need} px in all: fewer columns needed"
    child = best[1]
    width = max(child.minimumWidth(), child.minimumSizeHint().width())
    return f"{describe(child)} {text_of(child)[:30]!r} needs {width} px"


def _label_overflow(label: QLabel) -> str:
    box = label.contentsRect()
    margin = label.margin()
    box.adjust(margin, margin, -margin, -margin)
    indent = label.indent()
    if indent > 0:
        box.setWidth(box.width() - indent)
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setDocumentMargin(0)
    option = QTextOption()
    option.setWrapMode(
        QTextOption.WrapMode.WordWrap if label.wordWrap() else QTextOption.WrapMode.NoWrap
    )
    doc.setDefaultTextOption(option)
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(label.text())
    )
    if rich:
        doc.setHtml(label.text())
    else:
        doc.setPlainText(label.text())
    if label.wordWrap():
        doc.setTextWidth(max(box.width(), 1))
    need_w = doc.idealWidth()
    need_h = doc.size().height()
    if label.wordWrap():
        # A word longer than the line cannot wrap: it is cut.
        if need_w > box.width() + SLACK:
            return f"a word needs {need_w:.0f} px, the label is {box.width()} px wide"
        if label.heightForWidth(label.width()) > label.height() + SLACK:
            return (
                f"wrapped text needs {label.heightForWidth(label.width())} px high, "
                f"has {label.height()}: lines cut"
            )
    elif need_w > box.width() + SLACK:
        return f"text needs {need_w:.0f} px wide, has {box.width()}: cut or elided"
    if need_h > box.height() + SLACK:
        return f"text needs {need_h:.0f} px high, has {box.height()}: lines cut"
    return ""


def _button_overflow(button: QAbstractButton) -> str:
    if isinstance(button, QPushButton):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        box = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
        metrics = button.fontMetrics()
        lines = button.text().split("\n")
        need_w = max(metrics.horizontalAdvance(line.replace("&&", "&")) for line in lines)
        if not button.icon().isNull():
            need_w += button.iconSize().width() + 4
        # The ink, not the line: a key's "a" fits where the font's full line height would not.
        ink = max(metrics.tightBoundingRect(line).height() for line in lines)
        need_h = ink + metrics.lineSpacing() * (len(lines) - 1)
        if need_w > box.width() + SLACK:
            return f"text needs {need_w} px wide, has {box.width()}: cut"
        if need_h > box.height() + SLACK:
            return f"text needs {need_h} px high, has {box.height()}: cut"
        return ""
    hint = button.sizeHint()
    if button.width() + SLACK < hint.width():
        return f"needs {hint.width()} px wide, has {button.width()}: text cut"
    if button.height() + SLACK < hint.height():
        return f"needs {hint.height()} px high, has {button.height()}: text cut"
    return ""


def _cut_by(widget: QWidget, window: QWidget) -> str:
    """The first parent that hides part of `widget`, if any. A scroll area's viewport may hide
    what the person can scroll to (vertically); what is left or right of it is lost."""
    rect = QRect(QPoint(0, 0), widget.size())
    child: QWidget = widget
    while child is not window:
        parent = child.parentWidget()
        if parent is None:
            break
        rect = rect.translated(child.pos())
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            horizontal = area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            vertical = area.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            bounds = parent.rect()
            if not horizontal and (
                rect.left() < bounds.left() - SLACK or rect.right() > bounds.right() + SLACK
            ):
                return f"cut by the side of its scroll area ({describe(area)})"
            if not vertical and (
                rect.top() < bounds.top() - SLACK or rect.bottom() > bounds.bottom() + SLACK
            ):
                return f"cut by its scroll area, which does not scroll ({describe(area)})"
            # What can be scrolled to counts as reachable: only the visible part goes on up.
            rect = rect.intersected(bounds)
            if rect.isEmpty():
                return ""
        else:
            bounds = parent.rect()
            if not bounds.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect):
                where = "the window" if parent is window else describe(parent)
                return f"leaves {where}: {_rect(rect)} outside {_rect(bounds)}"
        child = parent
    return ""


def _rect(rect: QRect) -> str:
    return f"({rect.x()},{rect.y()} {rect.width()}x{rect.height()})"
