"""The discreet way into staff mode: touch and hold one corner of the screen.

An application-wide event filter, so the press is seen whatever widget is under the finger;
it never consumes events (the person in front of the kiosk loses nothing).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.config import Config

CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")
ZONE = 96  # px: big enough for a fingertip, small enough not to be found by chance


class CornerHold(QObject):
    """Emits `held` once a press has stayed `hold_ms` inside the `corner` of `window`."""

    held = Signal()

    def __init__(
        self, window: QWidget, corner: str = "top-left", hold_ms: int = 3000, zone: int = ZONE
    ) -> None:
        super().__init__(window)
        if corner not in CORNERS:
            raise ValueError(f"corner must be one of {', '.join(CORNERS)}, not {corner!r}")
        self.corner, self.zone = corner, zone
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(hold_ms)
        self.timer.timeout.connect(self.held)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @classmethod
    def from_config(cls, window: QWidget, config: Config) -> CornerHold:
        return cls(
            window, config.get_str("staff.corner"), config.get_int("staff.hold_seconds") * 1000
        )

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()

    @property
    def window(self) -> QWidget:
        # Through Qt's parent link: a Python reference from this child would keep the window
        # alive after it closes.
        parent = self.parent()
        assert isinstance(parent, QWidget)
        return parent

    def in_corner(self, global_pos: QPoint) -> bool:
        local = self.window.mapFromGlobal(global_pos)
        rect = self.window.rect()
        if not rect.contains(local):
            return False
        left = local.x() < self.zone
        right = local.x() >= rect.width() - self.zone
        top = local.y() < self.zone
        bottom = local.y() >= rect.height() - self.zone
        return {
            "top-left": top and left,
            "top-right": top and right,
            "bottom-left": bottom and left,
            "bottom-right": bottom and right,
        }[self.corner]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove):
            assert isinstance(event, QMouseEvent)
            self._at(event.globalPosition().toPoint(), kind == QEvent.Type.MouseButtonPress)
        elif kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate):
            assert isinstance(event, QTouchEvent)
            points = event.points()
            if len(points) == 1:
                self._at(points[0].globalPosition().toPoint(), kind == QEvent.Type.TouchBegin)
            else:
                self.timer.stop()  # two fingers are not the gesture
        elif kind in (
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
        ):
            self.timer.stop()
        return False

    def _at(self, pos: QPoint, pressed: bool) -> None:
        if not self.window.isVisible() or not self.in_corner(pos):
            self.timer.stop()
        elif pressed and not self.timer.isActive():
            self.timer.start()
