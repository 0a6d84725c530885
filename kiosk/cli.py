"""The `kiosk` command. Verbs that need a screen are handed to `ui.app`, the only Qt layer.

`kiosk/` never imports Qt; the one seam to the front end is `_frontend()`, loaded only by the
verbs that show something, so core verbs (config-doc, later search or sync) start fast and
run on machines without Qt libraries.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from types import ModuleType

from kiosk import __version__, config


def _frontend() -> ModuleType:
    return importlib.import_module("ui.app")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="France Travail touchscreen kiosk for job seekers."
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument(
        "--config",
        type=Path,
        help=f"TOML configuration file (default: ${config.ENV_CONFIG}, else built-in defaults)",
    )
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")

    run = verbs.add_parser("run", help="start the kiosk (windowed; --kiosk for full screen)")
    run.add_argument("--kiosk", action="store_true", help="full screen, no frame, staff-only exit")
    run.add_argument(
        "--exit-when-shown",
        action="store_true",
        help=argparse.SUPPRESS,  # the start-up benchmark: print a marker and quit
    )

    verbs.add_parser(
        "self-test",
        help="headless check: open the databases, build every screen, synthesise a phrase",
    )
    shots = verbs.add_parser("screenshots", help="render every screen to PNG files")
    shots.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    shots.add_argument("--lang", default="fr", choices=config.LANGUAGES)
    shots.add_argument("--large-text", action="store_true", help="render in large-text mode")

    doc = verbs.add_parser("config-doc", help="print the configuration reference (Markdown)")
    doc.add_argument("--check", type=Path, help="exit 1 if this file differs from it")
    return parser


def _load_config(path: Path | None) -> config.Config:
    try:
        return config.load(path)
    except config.ConfigError as exc:
        print(f"kiosk: configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    verb = args.verb or "run"
    if verb == "config-doc":
        text = config.markdown_reference()
        if args.check:
            current = args.check.read_text(encoding="utf-8") if args.check.exists() else ""
            if current != text:
                print(f"{args.check} is out of date: run `make docs`", file=sys.stderr)
                return 1
            return 0
        sys.stdout.write(text)
        return 0
    settings = _load_config(args.config)
    frontend = _frontend()
    if verb == "self-test":
        return int(frontend.self_test(settings))
    if verb == "screenshots":
        return int(frontend.screenshots(settings, args.out, args.lang, args.large_text))
    kiosk_mode = getattr(args, "kiosk", False) or settings.get_bool("display.fullscreen")
    return int(
        frontend.run(
            settings,
            kiosk_mode=kiosk_mode,
            exit_when_shown=getattr(args, "exit_when_shown", False),
        )
        if verb == "run"
        else 2
    )
