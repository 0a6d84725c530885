"""A tap as a person makes it: on a control they can see, scrolled to, in its middle.

One helper for every pytest-qt test. A tap on a control that is not shown yet, or that sits
below the visible part of a list, is one no person could make: the control's kinetic list
would take the press for the start of a drag and the tap would be lost.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget


def scroll_to(widget: QWidget) -> None:
    """Scroll every list that holds ``widget`` until the widget shows, as a finger would."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
        parent = parent.parentWidget()


def tap(qtbot, widget: QWidget, *, enabled: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Tap the middle of ``widget``; ``enabled=False`` for a tap on a control that must be
    shown but refuse (the test then checks nothing happened)."""
    # Widgets added to a shown layout appear at the next turn of the event loop.
    qtbot.waitUntil(widget.isVisible, timeout=3000)
    if enabled:
        assert widget.isEnabled(), f"{widget!r} ({widget.accessibleName()!r}) is greyed out"
    scroll_to(widget)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())
