"""Scrolling with one finger: drag anywhere in the list, it glides and stops, no scroll bar
to aim at. Used by every list of the kiosk."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QWidget,
)


def make_kinetic(area: QAbstractScrollArea) -> QScroller:
    """Let a left-button drag (a finger, through Qt's touch-to-mouse) scroll `area`."""
    viewport = area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    props = scroller.scrollerProperties()
    # No overshoot bounce: it reads as the screen breaking to someone who never used one.
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    props.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
    props.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
    # A short drag must still count as a tap on a card, not a scroll.
    props.setScrollMetric(QScrollerProperties.ScrollMetric.DragStartDistance, 0.004)
    # The press reaches the control under the finger at once: QScroller otherwise holds it
    # 0.25 s to see whether a drag begins, and drops it when taps come quickly (a second tap
    # on a chip, a key typed twice). A drag that begins on a control still scrolls: the
    # scroller cancels the press it passed on.
    props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
    scroller.setScrollerProperties(props)
    return scroller


class KineticScrollArea(QScrollArea):
    def __init__(self, content: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        if content is not None:
            self.setWidget(content)
        self.scroller = make_kinetic(self)
