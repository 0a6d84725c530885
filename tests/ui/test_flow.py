"""The reflowing grid: fewer columns when the width is short, never wider than it is given."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ui.widgets.flow import ReflowGrid


def _grid(qtbot, width: int, count: int = 4) -> ReflowGrid:  # type: ignore[no-untyped-def]
    holder = QWidget()
    qtbot.addWidget(holder)
    grid = ReflowGrid(max_columns=3, spacing=10, min_cell=300)
    for i in range(count):
        grid.add(QPushButton(f"Tile {i}"))
    QVBoxLayout(holder).addWidget(grid)
    grid.holder = holder  # type: ignore[attr-defined]  # kept alive with the grid
    holder.resize(width, 600)
    holder.show()
    qtbot.waitExposed(holder)
    return grid


def test_columns_follow_the_width(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert _grid(qtbot, 1000, count=3).columns == 3
    assert _grid(qtbot, 1000).columns == 2, "4 in 3 columns would leave one alone: 2 + 2"
    assert _grid(qtbot, 700, count=3).columns == 2
    narrow = _grid(qtbot, 400)
    assert narrow.columns == 1
    assert all(item.isVisible() and item.parentWidget() is narrow for item in narrow.items)
    assert max(item.geometry().right() for item in narrow.items) <= narrow.width()


def test_a_grid_asks_only_for_one_column(qtbot) -> None:  # type: ignore[no-untyped-def]
    grid = _grid(qtbot, 1000)
    assert grid.minimumSizeHint().width() <= 320


def test_a_hidden_item_leaves_no_hole(qtbot) -> None:  # type: ignore[no-untyped-def]
    grid = _grid(qtbot, 1000, count=3)
    grid.items[0].hide()
    qtbot.wait(10)
    assert grid.grid.getItemPosition(grid.grid.indexOf(grid.items[1]))[:2] == (0, 0)


def test_home_shows_every_tile(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.start_session("fr")
    home = window.current
    assert home.NAME == "home" and home.tiles
    for tile in home.tiles.values():
        assert tile.isVisible() and tile.window() is window
