"""The wizard's one-finger scrolling lists: ui.widgets.scroll's KineticScrollArea, with the
press handed to the chip at once.

QScroller holds a press for 0.25 s by default to see whether a drag begins; with taps in
quick succession that held press was dropped and a chip ignored the second tap (found by
tests/ui/test_cv_wizard.py). A drag that begins on a chip still scrolls: the scroller
cancels the press it had passed on.
"""

from __future__ import annotations

from PySide6.QtWidgets import QScrollerProperties, QWidget

from ui.widgets.scroll import KineticScrollArea


def scroll_area(content: QWidget) -> KineticScrollArea:
    area = KineticScrollArea(content)
    props = area.scroller.scrollerProperties()
    props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
    area.scroller.setScrollerProperties(props)
    return area
