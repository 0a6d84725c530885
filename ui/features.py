"""The tiles of the home screen. A tile is listed here only once its feature works end to end:
the home screen never shows an empty placeholder.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.i18n import N_


@dataclass(frozen=True)
class Feature:
    screen: str  # NAME of the screen the tile opens
    label: str  # message id: a verb and a thing ("Find a job")
    hint: str  # message id, said after the label
    icon: str


FEATURES: tuple[Feature, ...] = (
    Feature(
        "help",
        N_("I need help"),
        N_("A staff member will come to you."),
        "mdi6.hand-wave",
    ),
)
