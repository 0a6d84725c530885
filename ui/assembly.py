"""The whole kiosk, assembled in one place: what `run`, `self-test`, `screenshots` and the tests
start is the same program people use.

    kiosk_app = assemble(config, kiosk_mode=True)
    ...
    kiosk_app.close()

It opens the services, applies the staff settings saved in kiosk.db over the configuration
file, builds the window, installs the staff gesture and PIN, starts the background sync and
outbox delivery (off the UI thread), and routes every uncaught error to a calm sentence.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.config import Config
from kiosk.services import Kiosk, open_kiosk
from kiosk.speech import Speaker
from kiosk.staff import settings
from kiosk.sync.scheduler import Scheduler, Snapshot
from ui import crash
from ui.context import UiContext
from ui.cv_pdf.fonts import warm as warm_fonts
from ui.main_window import MainWindow
from ui.staff.corner import CornerHold
from ui.staff.mode import install_staff_mode
from ui.staff.pages import StaffActions

log = logging.getLogger(__name__)

SpeakerFactory = Callable[[Config, Path], Speaker]


class _SyncRelay(QObject):
    """The scheduler calls back on its worker threads; this carries it to the UI thread."""

    changed = Signal(object)


@dataclass
class KioskApp:
    kiosk: Kiosk
    ctx: UiContext
    window: MainWindow
    scheduler: Scheduler
    corner: CornerHold
    relay: _SyncRelay
    owns_services: bool = True  # False when a test handed in its own Kiosk and UiContext

    def start_background(self) -> None:
        self.scheduler.start()

    def close(self) -> None:
        """Stop the workers, close the window, release the files: in this order, so no worker
        writes to a database that is being closed."""
        self.scheduler.stop(timeout=10.0)
        self.corner.remove()
        self.window.staff_may_close = True
        self.window.close()
        crash.uninstall()
        if self.owns_services:
            self.ctx.close()
            self.kiosk.close()
        self.window.deleteLater()


def assemble(
    config: Config,
    *,
    kiosk_mode: bool = False,
    speaker_factory: SpeakerFactory | None = None,
    background: bool = True,
    scheduler_factory: Callable[[Config, Path], Scheduler] | None = None,
    services: tuple[Kiosk, UiContext] | None = None,
) -> KioskApp:
    """The running kiosk. `background=False` leaves the sync workers stopped (screenshots;
    tests that start them themselves with `start_background()`). `services`: a test's own
    Kiosk and UiContext, which the test closes."""
    if services is None:
        kiosk = open_kiosk(config, speaker_factory=speaker_factory)
        ctx = UiContext(kiosk, file_config=config)
    else:
        kiosk, ctx = services
    effective = settings.effective_config(config, kiosk.store)
    kiosk.config = ctx.config = effective
    ctx.file_config = config
    ctx.set_large_text(ctx.large_text)
    warm_fonts()  # before any CV is rendered on a worker thread
    window = MainWindow(ctx, kiosk_mode=kiosk_mode)

    relay = _SyncRelay(ctx)
    relay.changed.connect(_remember_snapshot(ctx))
    make_scheduler = scheduler_factory or _default_scheduler
    scheduler = make_scheduler(effective, kiosk.data_dir)
    scheduler.on_change = relay.changed.emit
    ctx.queued.connect(scheduler.deliver_now)

    ctx.config_changed.connect(lambda new: setattr(scheduler, "config", new))
    corner = install_staff_mode(window, ctx, StaffActions(sync_now=scheduler.run_now))
    crash.install(ctx, kiosk.data_dir / "logs")
    app = KioskApp(kiosk, ctx, window, scheduler, corner, relay, owns_services=services is None)
    # The job search's word index (all languages) and the towns take a second or two to
    # build: off the UI thread now, not when the first person searches.
    from ui.search.state import state_for

    state_for(ctx).warm()
    if background:
        app.start_background()
    return app


def _default_scheduler(config: Config, data_dir: Path) -> Scheduler:
    return Scheduler(config, data_dir)


def _remember_snapshot(ctx: UiContext) -> Callable[[Snapshot], None]:
    def remember(snapshot: Snapshot) -> None:
        ctx.sync_snapshot = snapshot
        ctx.sync_changed.emit(snapshot)

    return remember
