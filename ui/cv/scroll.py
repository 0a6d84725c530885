"""The wizard's one-finger scrolling lists: ui.widgets.scroll's KineticScrollArea, with the
press handed to the chip at once.

QScroller holds a press for 0.25 s by default to see whether a drag begins; with taps in
quick succession that held press was dropped and a chip ignored the second tap (found by
tests/ui/test_cv_wizard.py). A drag that begins on a chip still scrolls: the scroller
cancels the press it had passed on.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QScrollerProperties, QWidget

from ui.widgets.scroll import KineticScrollArea

# A list asks for little height: it takes the room the screen has left and scrolls the rest,
# so a long list never pushes Next or the keyboard off a 1280x800 screen.
LIST_HINT_HEIGHT = 160


class ListArea(KineticScrollArea):
    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), LIST_HINT_HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), min(LIST_HINT_HEIGHT, 120))


def taps_at_once(area: KineticScrollArea) -> KineticScrollArea:
    """The press goes to the control under the finger at once (see above)."""
    props = area.scroller.scrollerProperties()
    props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
    area.scroller.setScrollerProperties(props)
    return area


def scroll_area(content: QWidget) -> KineticScrollArea:
    return taps_at_once(ListArea(content))
