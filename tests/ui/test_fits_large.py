"""The walk of test_fits.py with large text on: the same screens, sizes and languages."""

from __future__ import annotations

from tests.ui.test_fits import (  # noqa: F401 (fixtures and tests, collected here too)
    ALL_COMBOS,
    _french_first,
    make_walk,
    test_screen_fits,
    test_staff_mode_fits,
    test_the_check_finds_a_cut_label_and_a_small_button,
    walk_kiosk,
)

walk = make_walk([c for c in ALL_COMBOS if c.large])
