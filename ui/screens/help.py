"""'I need help': the agency is told (counted, and sent to the hub where there is one), a big
spoken confirmation, a marker staff can see from across the room, and a way to cancel."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.i18n import N_, _
from kiosk.staff.help import cancel_help, request_help
from ui import theme
from ui.context import UiContext
from ui.features import Feature
from ui.screens.base import Screen
from ui.widgets.tile import Tile

log = logging.getLogger(__name__)

GO_TO_DESK = N_("This kiosk could not call the staff. Please go to the reception desk.")


class HelpScreen(Screen):
    NAME = "help"
    TITLE = N_("A staff member is coming.")
    INSTRUCTION = N_("Please stay here. Someone from the agency will come to help you.")
    PICTOGRAM = "mdi6.hand-wave"
    TILE = Feature(
        N_("I need help"), N_("A staff member will come to you."), "mdi6.hand-wave", order=90
    )

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.layout_.addStretch(1)
        self.add_picture("mdi6.account-tie-voice", 112)
        row = QHBoxLayout()
        row.setSpacing(theme.SPACING)
        row.addStretch(1)
        # Tiles whose words wrap: "I no longer need help" is long in Ukrainian large text.
        self.back = Tile(ctx, N_("Back to the start"), "mdi6.home", icon_size=72)
        self.back.setMinimumSize(theme.TILE * 2, 120)
        self.back.clicked.connect(lambda: self.navigate.emit("home"))
        row.addWidget(self.back)
        self.cancel = Tile(ctx, N_("I no longer need help"), "mdi6.close-circle", icon_size=72)
        self.cancel.setMinimumSize(theme.TILE * 2, 120)
        self.cancel.clicked.connect(self._cancel)
        row.addWidget(self.cancel)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.layout_.addStretch(1)

    def shown(self) -> None:
        if not self.ctx.help_is_requested and not ask_for_help(self.ctx):
            # The staff's screens will never hear of it: the kiosk must not promise they will.
            self.ctx.show_result(_(GO_TO_DESK), "error")

    def _cancel(self) -> None:
        cancel(self.ctx)
        self.navigate.emit("home")
        # Seen as well as heard, on the screen the person lands on.
        self.ctx.show_result(_("Your call for help is cancelled."), "info")


def ask_for_help(ctx: UiContext) -> bool:
    """Count it, queue it for the hub, and show the marker; never fails for the person.

    False when a hub should have been told and could not be (the disk refused the request).
    """
    recorded = True
    try:
        request_help(ctx.kiosk.store)
    except Exception:  # the marker still shows; the person is sent to the desk instead
        log.exception("help request could not be recorded")
        recorded = not ctx.has_route("hub_event")
    ctx.help_is_requested = True
    ctx.help_requested.emit(True)
    ctx.queued.emit()
    return recorded


def cancel(ctx: UiContext) -> None:
    if not ctx.help_is_requested:
        return
    try:
        cancel_help(ctx.kiosk.store)
    except Exception:
        log.exception("help cancellation could not be recorded")
    ctx.help_is_requested = False
    ctx.help_requested.emit(False)
    ctx.queued.emit()
