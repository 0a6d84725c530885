"""The walk of test_fits.py with large text on: the same screens, sizes and languages."""

from __future__ import annotations

from tests.ui.test_fits import (  # noqa: F401 (fixtures and tests, collected here too)
    ALL_COMBOS,
    Combo,
    _french_first,
    make_walk,
    test_screen_fits,
    test_staff_mode_fits,
    test_the_check_finds_a_cut_label_and_a_small_button,
    walk_kiosk,
)

# Ukrainian too, on the small screen: its longer words are where large text runs out of
# room first (the top bar's words keep their normal size there).
walk = make_walk([c for c in ALL_COMBOS if c.large] + [Combo(1280, 800, "uk", True)])
