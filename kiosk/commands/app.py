"""Verbs that show the kiosk: run, self-test, screenshots."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk import config
from kiosk.commands import frontend, load_config


def register(verbs: argparse._SubParsersAction) -> None:
    run = verbs.add_parser("run", help="start the kiosk (windowed; --kiosk for full screen)")
    run.add_argument("--kiosk", action="store_true", help="full screen, no frame, staff-only exit")
    # The start-up benchmark: print a marker once the welcome screen is shown, then quit.
    run.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    run.set_defaults(handler=_run)

    test = verbs.add_parser(
        "self-test", help="headless check: open the databases, build every screen, synthesise"
    )
    test.set_defaults(handler=lambda args: int(frontend().self_test(load_config(args))))

    shots = verbs.add_parser("screenshots", help="render every screen to PNG files")
    shots.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    shots.add_argument("--lang", default="fr", choices=config.LANGUAGES)
    shots.add_argument("--large-text", action="store_true", help="render in large-text mode")
    shots.add_argument(
        "--size",
        type=_size,
        default=(1920, 1080),
        metavar="WxH",
        help="the screen to render for, e.g. 1280x800 (default 1920x1080)",
    )
    shots.set_defaults(
        handler=lambda args: int(
            frontend().screenshots(
                load_config(args), args.out, args.lang, args.large_text, size=args.size
            )
        )
    )


def _size(text: str) -> tuple[int, int]:
    """ "1280x800" -> (1280, 800); argparse turns the ValueError into a usage message."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: write the size as WIDTHxHEIGHT, e.g. 1280x800"
        ) from None
    if width < 320 or height < 240:
        raise argparse.ArgumentTypeError(f"{text!r} is too small for a kiosk screen")
    return width, height


def _run(args: argparse.Namespace) -> int:
    settings = load_config(args)
    kiosk_mode = bool(getattr(args, "kiosk", False)) or settings.get_bool("display.fullscreen")
    return int(
        frontend().run(
            settings,
            kiosk_mode=kiosk_mode,
            exit_when_shown=bool(getattr(args, "exit_when_shown", False)),
        )
    )
