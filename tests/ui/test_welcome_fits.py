"""Welcome at 1280x800: nine languages without scrolling in normal text (issue 13 item 4);
in large text fewer columns, every name whole, scrolling if it must (issue 10 item 1)."""

from __future__ import annotations

from tests.ui.test_fits import (  # noqa: F401 (fixtures, collected here too)
    ALL_COMBOS,
    _french_first,
    make_walk,
    walk_kiosk,
)

walk = make_walk([c for c in ALL_COMBOS if c.width == 1280 and c.lang == "fr"])


def test_nine_languages_fit_the_smallest_screen(walk, qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.app import leave, visit

    combo, window = walk
    visit(window, qapp, "welcome")
    try:
        screen = window.current
        assert len(window.ctx.enabled_languages()) == 9
        buttons = [b for b in screen.buttons.values() if b.isVisible()]
        assert len(buttons) == 9
        for button in buttons:
            assert button.width() >= button.sizeHint().width(), button.text()
        if combo.large:
            assert screen.grid.columns == 2, "large names take fewer, wider columns"
        else:
            assert screen.grid.columns == 3
            assert screen.scroll.verticalScrollBar().maximum() == 0, "all nine seen at once"
    finally:
        leave(window, "welcome")


def test_large_text_switched_on_and_off_on_the_welcome_screen(walk, qapp) -> None:  # type: ignore[no-untyped-def]
    """The person touches "Large text" on the welcome screen: the grid takes fewer columns,
    and all its columns again when it is switched off."""
    from ui.app import leave, settle, visit

    combo, window = walk
    visit(window, qapp, "welcome")
    screen = window.current
    try:
        before = screen.grid.columns
        window.ctx.set_large_text(not combo.large)
        settle(window, qapp)
        assert screen.grid.columns == (3 if combo.large else 2)
        for button in screen.buttons.values():
            if button.isVisible():
                assert button.width() >= button.sizeHint().width(), button.text()
        window.ctx.set_large_text(combo.large)
        settle(window, qapp)
        assert screen.grid.columns == before
    finally:
        window.ctx.set_large_text(combo.large)
        leave(window, "welcome")
