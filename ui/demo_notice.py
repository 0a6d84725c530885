"""The "demo data" notice of the welcome and home screens: whether the catalogue holds demo
offers is read once per kiosk, off the UI thread (catalogue_info counts every offer: slow with
a million of them), and each notice shows when the answer arrives."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk.catalogue import catalogue_info
from kiosk.errors import Explained
from kiosk.storage import connect
from ui.context import UiContext

log = logging.getLogger(__name__)


class DemoCatalogue(QObject):
    known = Signal(bool)  # True: the offers are demo offers

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.demo: bool | None = None  # None: not known yet
        self._asked = False

    def ask(self) -> None:
        if self._asked:
            return
        self._asked = True
        path = self.ctx.kiosk.catalogue_path()

        def job() -> bool:
            db = connect(path)  # SQLite connections stay in their thread
            try:
                return catalogue_info(db).kind == "demo"
            finally:
                db.conn.close()

        self.ctx.tasks.run(job, self._arrived, self._failed, context="catalogue kind")

    def _arrived(self, demo: bool) -> None:
        self.demo = demo
        self.known.emit(demo)

    def _failed(self, explained: Explained) -> None:
        # Staff see a broken catalogue elsewhere (status line, doctor); the person sees no
        # notice rather than an error about a banner.
        log.warning("catalogue kind unknown: %s", explained.technical)


def show_if_demo(ctx: UiContext, notice: QWidget) -> None:
    """Hide `notice` until the catalogue is known to hold demo offers, then show it."""
    found = ctx.findChild(DemoCatalogue)
    watch = found if isinstance(found, DemoCatalogue) else DemoCatalogue(ctx)
    notice.setVisible(bool(watch.demo))
    if watch.demo is None:
        # A widget's own method: the connection goes with the notice if it is destroyed.
        watch.known.connect(notice.setVisible)
        watch.ask()
