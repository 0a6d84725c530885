"""UI tests: the real window on real databases in a temporary folder, with a speaker that
records what would be said."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from kiosk import config as config_module
from kiosk.config import Config
from kiosk.services import Kiosk, open_kiosk
from kiosk.speech.fake import RecordingSpeaker
from tests.fakes.hub import FakeHub
from tests.fakes.smtp import FakeSmtp


@pytest.fixture(autouse=True)
def _delete_closed_widgets(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """pytest-qt closes a test's widgets with deleteLater(), which no later processEvents()
    carries out: without this, every earlier test's window lives on, keeps its timers and
    tasks, and each test runs slower than the one before."""
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def settings(data_dir: Path) -> Config:
    return config_module.load(None).with_values(
        session__idle_seconds=30, session__warning_seconds=10
    )


@pytest.fixture
def hub() -> Iterator[FakeHub]:
    """A local hub for tests that need one (they name it, and put it in their settings)."""
    with FakeHub() as server:
        yield server


@pytest.fixture
def smtp() -> Iterator[FakeSmtp]:
    """A local SMTP server, as `hub`."""
    with FakeSmtp() as server:
        yield server


@pytest.fixture
def speaker() -> RecordingSpeaker:
    return RecordingSpeaker()


@pytest.fixture
def kiosk(settings: Config, speaker: RecordingSpeaker) -> Iterator[Kiosk]:
    k = open_kiosk(settings, speaker_factory=lambda _c, _d: speaker)
    # The search's word index, built once per process (the kiosk warms it at start-up in the
    # background): a test's first search must not wait for it on a loaded machine.
    from kiosk.catalogue.resolve import resolver_for

    resolver_for(k.catalogue)
    yield k
    k.close()


@pytest.fixture
def ctx(qapp, kiosk: Kiosk):  # type: ignore[no-untyped-def]
    from ui import theme
    from ui.context import UiContext

    theme.apply(qapp)
    context = UiContext(kiosk)
    yield context
    context.close()
    context.deleteLater()


@pytest.fixture
def kiosk_app(qtbot, settings, kiosk, ctx):  # type: ignore[no-untyped-def]
    """The kiosk as `kiosk run` assembles it (staff gesture, scheduler, exception hook), on the
    test's own services; the background workers start only when a test asks."""
    from ui.assembly import assemble

    app = assemble(settings, services=(kiosk, ctx), background=False)
    qtbot.addWidget(app.window)
    app.window.resize(1280, 860)
    app.window.show()
    qtbot.waitExposed(app.window)
    yield app
    app.close()


@pytest.fixture
def window(kiosk_app):  # type: ignore[no-untyped-def]
    return kiosk_app.window
