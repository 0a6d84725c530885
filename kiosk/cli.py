"""The `kiosk` command. Verbs live in `kiosk.commands`, one module per group."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiosk import __version__, commands, config


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="kiosk", description="France Travail touchscreen kiosk for job seekers."
    )
    top.add_argument("--version", action="version", version=f"kiosk {__version__}")
    top.add_argument(
        "--config",
        type=Path,
        help=f"TOML configuration file (default: ${config.ENV_CONFIG}, else built-in defaults)",
    )
    verbs = top.add_subparsers(dest="verb", metavar="VERB")
    for module in commands.modules():
        module.register(verbs)
    return top


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    os.umask(0o077)  # what any verb writes (databases, logs, PDFs) is for the kiosk's user only
    args = parser().parse_args(argv)
    if args.verb is None:  # `kiosk` alone starts the kiosk, as a technician would expect
        args = parser().parse_args([*argv, "run"])
    return int(args.handler(args))
