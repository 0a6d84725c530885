"""One module per screen. Every `Screen` subclass defined here is found and built by the
window, and a screen with a `TILE` puts itself on the home screen: a feature adds a module,
nothing else changes."""

from __future__ import annotations

import importlib
import pkgutil

from ui.screens.base import Screen


def screen_classes() -> list[type[Screen]]:
    found: list[type[Screen]] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Screen)
                and value.NAME
                and value.__module__ == module.__name__
            ):
                found.append(value)
    return found
