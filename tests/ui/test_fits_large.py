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

# Every other language too, on the small screen, where large text runs out of room first:
# Ukrainian's long words (the top bar's words keep their normal size there), Romanian's
# Back/Skip/Next, the Turkish keyboard's commands.
OTHERS = ("en", "es", "pt", "ro", "uk", "tr", "fa")
walk = make_walk(
    [c for c in ALL_COMBOS if c.large] + [Combo(1280, 800, lang, True) for lang in OTHERS]
)
