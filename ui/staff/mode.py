"""Staff mode over the kiosk's window: the PIN first, then the staff panel.

Wired by `ui.assembly.assemble`, for the running kiosk and the tests alike:

    install_staff_mode(window, ctx, StaffActions(sync_now=scheduler.run_now))

It covers the window with an overlay (a child widget, so it stays inside a frameless,
always-on-top kiosk window) and takes it away when staff close it. Nothing is spoken.
"""

from __future__ import annotations

import weakref
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Config
from kiosk.i18n import _
from kiosk.staff.pin import Clock, StaffGate, utc_now
from ui.context import UiContext
from ui.staff.corner import CornerHold
from ui.staff.pages import (
    ActionsPage,
    CountersPage,
    LogPage,
    SettingsPage,
    StaffActions,
    StatusPage,
    button,
)
from ui.staff.pin_entry import PinEntry
from ui.widgets.scroll import KineticScrollArea


class StaffPanel(QWidget):
    """The staff screens behind tabs. `closed` when staff leave; `settings_changed(Config)`."""

    closed = Signal()
    settings_changed = Signal(object)

    def __init__(
        self,
        ctx: UiContext,
        actions: StaffActions | None = None,
        file_config: Config | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.status = StatusPage(ctx)
        self.actions = ActionsPage(ctx, actions or StaffActions())
        self.settings = SettingsPage(ctx, file_config or ctx.file_config)
        self.counters = CountersPage(ctx)
        self.log = LogPage(ctx)
        self.settings.changed.connect(self.settings_changed)
        self.actions.codes_changed.connect(self.status.refresh_codes)
        self.stack = QStackedWidget()
        tabs = QHBoxLayout()
        self.tabs = QButtonGroup(self)
        pages: list[tuple[str, QWidget]] = [
            (_("Status"), self.status),
            (_("Actions"), self.actions),
            (_("Settings"), self.settings),
            (_("Counters"), self.counters),
            (_("Log"), self.log),
        ]
        self.pages = [page for _label, page in pages]
        for i, (label, page) in enumerate(pages):
            # A page taller than a 1280x800 screen scrolls (the log page scrolls on its own).
            self.stack.addWidget(page if page is self.log else KineticScrollArea(page))
            tab = button(label)
            tab.setCheckable(True)
            tab.setProperty("role", "chip")
            self.tabs.addButton(tab, i)
            tabs.addWidget(tab)
        self.tabs.idClicked.connect(self.show_page)
        self.tabs.button(0).setChecked(True)
        tabs.addStretch(1)
        tabs.addWidget(button(_("Close staff mode"), self.closed.emit))
        title = QLabel(_("Staff mode"))
        title.setProperty("role", "title")
        column = QVBoxLayout(self)
        column.addWidget(title)
        column.addLayout(tabs)
        column.addWidget(self.stack, 1)

    def show_page(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.tabs.button(index).setChecked(True)
        page = self.pages[index]
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()


class StaffOverlay(QWidget):
    """Covers the window: the PIN entry, then the panel once the PIN is right."""

    closed = Signal()

    def __init__(
        self,
        window: QWidget,
        ctx: UiContext,
        actions: StaffActions,
        clock: Clock = utc_now,
    ) -> None:
        super().__init__(window)
        self.setObjectName("staff-overlay")
        self.setAutoFillBackground(True)
        self.ctx, self.actions = ctx, actions
        self.panel: StaffPanel | None = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        gate = StaffGate(ctx.kiosk.store, ctx.config.get_str("staff.pin_hash"), clock)
        self.pin = PinEntry(gate)
        self.pin.accepted.connect(self._open_panel)
        self.pin.cancelled.connect(self.close_staff_mode)
        self.layout_.addWidget(self.pin)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        ctx.speaker.stop()  # whatever was being said about the public screen stops
        self.show()
        self.raise_()

    # The window is reached through Qt's parent link, never a Python attribute: a child holding
    # its parent in Python would keep the window alive after it is closed (a cycle Python's
    # collector cannot see through Qt).
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if watched is parent and event.type() == QEvent.Type.Resize:
            self.setGeometry(parent.rect())
        return False

    def _open_panel(self) -> None:
        self.pin.hide()
        self.panel = StaffPanel(self.ctx, self.actions, file_config=self.ctx.file_config)
        self.panel.closed.connect(self.close_staff_mode)
        # Saved settings reach the running kiosk at once (the screens read ctx.config).
        self.panel.settings_changed.connect(self.ctx.apply_config)
        self.layout_.addWidget(self.panel)
        self.panel.show()  # added to a widget already shown: not visible on its own

    def close_staff_mode(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            parent.removeEventFilter(self)
        self.hide()
        self.closed.emit()
        self.deleteLater()


def default_actions(window: QWidget, actions: StaffActions | None = None) -> StaffActions:
    """Fill what the window itself can do: end the session, exit the kiosk."""
    chosen = actions or StaffActions()
    ref = weakref.ref(window)  # the actions live inside the window: no strong cycle

    def end_session() -> None:
        target = ref()
        if target is not None:
            target.end_session()  # type: ignore[attr-defined]

    def exit_kiosk() -> None:
        target = ref()
        if target is not None:
            target.staff_may_close = True  # type: ignore[attr-defined]
            target.close()

    return StaffActions(
        sync_now=chosen.sync_now,
        end_session=chosen.end_session or (end_session if hasattr(window, "end_session") else None),
        exit_kiosk=chosen.exit_kiosk or exit_kiosk,
        test_speech=chosen.test_speech,
        print_test_page=chosen.print_test_page,
    )


def open_staff_mode(
    window: QWidget,
    ctx: UiContext,
    actions: StaffActions | None = None,
    clock: Clock = utc_now,
) -> StaffOverlay:
    """Show the PIN entry over `window` (or the one already open)."""
    existing = window.findChild(StaffOverlay, "staff-overlay")
    if existing is not None and existing.isVisible():
        return existing
    return StaffOverlay(window, ctx, default_actions(window, actions), clock)


def install_staff_mode(
    window: QMainWindow | QWidget,
    ctx: UiContext,
    actions: StaffActions | None = None,
    **corner: Any,
) -> CornerHold:
    """Long press in the configured corner -> PIN -> staff panel. Returns the gesture filter."""
    hold = CornerHold(window, **corner) if corner else CornerHold.from_config(window, ctx.config)
    ref = weakref.ref(window)

    def held() -> None:
        target = ref()
        if target is not None:
            open_staff_mode(target, ctx, actions)

    hold.held.connect(held)
    return hold


__all__ = [
    "CornerHold",
    "StaffActions",
    "StaffOverlay",
    "StaffPanel",
    "install_staff_mode",
    "open_staff_mode",
]
