from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from ui.widgets.scroll import KineticScrollArea


def test_one_finger_drag_scrolls(qtbot) -> None:  # type: ignore[no-untyped-def]
    content = QWidget()
    column = QVBoxLayout(content)
    for i in range(60):
        column.addWidget(QLabel(f"Offre {i}"))
    area = KineticScrollArea(content)
    qtbot.addWidget(area)
    area.resize(400, 300)
    area.show()
    qtbot.waitExposed(area)
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    drag(qtbot, area.viewport(), QPoint(200, 250), QPoint(200, 50))
    qtbot.waitUntil(lambda: bar.value() > 50, timeout=3000)


def drag(qtbot, widget: QWidget, start: QPoint, end: QPoint) -> None:  # type: ignore[no-untyped-def]
    """A finger's drag: press, moves with the button held, release, with real timestamps
    (QTest's mouseMove carries no button, which a scroller ignores)."""
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    steps = 20
    for i in range(steps + 1):
        point = QPointF(start + (end - start) * (i / steps))
        if i == 0:
            kind, button, buttons = QEvent.Type.MouseButtonPress, left, left
        elif i == steps:
            kind, button, buttons = QEvent.Type.MouseButtonRelease, left, none
        else:
            kind, button, buttons = QEvent.Type.MouseMove, none, left
        global_point = QPointF(widget.mapToGlobal(point.toPoint()))
        event = QMouseEvent(
            kind, point, global_point, button, buttons, Qt.KeyboardModifier.NoModifier
        )
        event.setTimestamp(1000 + i * 16)
        QApplication.sendEvent(widget, event)
        qtbot.wait(16)
