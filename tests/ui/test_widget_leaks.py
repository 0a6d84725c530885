"""A widget's connections die with it: cards, chips, tiles and buttons are rebuilt on every
search or step, and each used to leave a language listener behind that raised
"Internal C++ object already deleted" on the next language change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt

from kiosk.catalogue.search import OfferCard
from ui.cv.chips import ChipGrid
from ui.search.card import OfferCardButton
from ui.widgets.spoken import SpokenButton, SpokenToolButton, TLabel
from ui.widgets.tile import Tile

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

LANGUAGE = "2language_changed(QString)"
MODES = "2modes_changed()"


def listeners(ctx) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    return ctx.receivers(LANGUAGE), ctx.receivers(MODES)


def delete_now(*widgets) -> None:  # type: ignore[no-untyped-def]
    for widget in widgets:
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def card(n: int) -> OfferCard:
    return OfferCard(
        id=f"X{n}",
        title=f"Offre {n}",
        town="Lyon",
        commune="69123",
        contract_type="CDI",
        contract_label="CDI",
        working_time=None,
        full_time=True,
        work_study=False,
        beginners=True,
        salary=None,
        updated_at=None,
        origin="test",
        rome_code=None,
    )


def test_rebuilt_widgets_leave_no_listener_and_no_error(ctx, capfd) -> None:  # type: ignore[no-untyped-def]
    before = listeners(ctx)
    for _round in range(5):
        made = [
            *(SpokenButton(ctx, "Back", "mdi6.arrow-left", hint="Back") for _ in range(10)),
            *(SpokenToolButton(ctx, "Back", "mdi6.arrow-left") for _ in range(10)),
            *(TLabel(ctx, lambda: "x") for _ in range(10)),
            *(OfferCardButton(ctx, card(n)) for n in range(10)),
            *(Tile(ctx, "Back", "mdi6.arrow-left") for _ in range(5)),
        ]
        chips = ChipGrid(ctx)
        chips.set_options([(str(n), f"chip {n}") for n in range(10)])
        chips.set_options([(str(n), f"chip {n}") for n in range(12)])  # replaces the first ten
        delete_now(*made, chips)
    assert listeners(ctx) == before
    ctx.set_language("en")
    ctx.set_language("fr")
    err = capfd.readouterr().err
    assert "already deleted" not in err and "Traceback" not in err


def test_a_widget_still_alive_follows_the_language(ctx) -> None:  # type: ignore[no-untyped-def]
    button = SpokenButton(ctx, "Back", "mdi6.arrow-left", hint="The question before.")
    label = TLabel(ctx, "Back")
    tile = Tile(ctx, "Back", "mdi6.arrow-left")
    ctx.set_language("en")
    assert (button.text(), label.text(), tile.words.text()) == ("Back", "Back", "Back")
    assert button.accessibleDescription() == "The question before."
    ctx.set_language("fr")
    assert button.text() != "Back" and label.text() == button.text()
    assert tile.words.text() == button.text()
    delete_now(button, label, tile)


def test_eighteen_searches_leave_the_listeners_as_they_were(qtbot, window, ctx, capfd) -> None:  # type: ignore[no-untyped-def]
    """The issue's measure: after 18 searches, 647 language listeners instead of 33."""

    def one_search() -> None:
        window.show_screen("find_job")
        screen = window.current
        screen.field.setText("boulanger")
        screen.keyboard.press("enter")
        offers = window.screens["offers"]
        qtbot.waitUntil(lambda: offers.result is not None, timeout=5000)
        if offers.card_buttons:
            qtbot.mouseClick(offers.card_buttons[0], Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    window.start_session("fr")
    one_search()
    one_search()
    first = listeners(ctx)
    for _ in range(16):
        one_search()
    assert listeners(ctx) == first
    window.end_session()  # the language goes back to the default: every listener runs
    ctx.set_language("ar")
    ctx.set_language("fr")
    err = capfd.readouterr().err
    assert "already deleted" not in err and "Traceback" not in err
