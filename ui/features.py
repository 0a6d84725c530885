"""A home-screen tile. A screen declares its own `TILE` only once its feature works end to
end: the home screen never shows an empty placeholder."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Feature:
    label: str  # message id: a verb and a thing ("Find a job")
    hint: str  # message id, said after the label
    icon: str
    order: int  # position on the home screen, smallest first
