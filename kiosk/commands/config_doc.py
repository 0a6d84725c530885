"""`kiosk config-doc`: the configuration reference, generated from the registry."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk import config


def register(verbs: argparse._SubParsersAction) -> None:
    doc = verbs.add_parser("config-doc", help="print the configuration reference (Markdown)")
    doc.add_argument("--check", type=Path, help="exit 1 if this file differs from it")
    doc.set_defaults(handler=_config_doc)


def _config_doc(args: argparse.Namespace) -> int:
    text = config.markdown_reference()
    if args.check:
        current = args.check.read_text(encoding="utf-8") if args.check.exists() else ""
        if current != text:
            print(f"{args.check} is out of date: run `make docs`", file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(text)
    return 0
