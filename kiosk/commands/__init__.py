"""The `kiosk` command's verbs, one module per group.

Every module here that defines `register(verbs)` is found at start: a feature adds its verbs
by adding a module, without touching the others. A handler takes the parsed arguments and
returns the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Callable
from types import ModuleType

from kiosk import config

Handler = Callable[[argparse.Namespace], int]


def modules() -> list[ModuleType]:
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            found.append(module)
    return found


def load_config(args: argparse.Namespace) -> config.Config:
    """The settings for a verb; a wrong value ends the command with a precise message."""
    try:
        return config.load(args.config)
    except config.ConfigError as exc:
        print(f"kiosk: configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc


def frontend() -> ModuleType:
    """The Qt front end, loaded only by verbs that need it (the core never imports Qt)."""
    return importlib.import_module("ui.app")
