"""Technicians' staff verbs: `set-staff-pin`, `staff-unlock`."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.commands import load_config
from kiosk.staff.pin import BadPin, check_pin_form, hash_pin
from kiosk.staff.toml_edit import TomlEditError, write_pin_hash

Prompt = Callable[[str], str]


def register(verbs: argparse._SubParsersAction) -> None:
    pin = verbs.add_parser(
        "set-staff-pin",
        help="choose the staff PIN (4 to 8 digits, typed twice) and write its hash",
    )
    pin.add_argument(
        "--config",
        dest="target",
        type=Path,
        help="TOML file to update in place (else the line to add is printed)",
    )
    pin.set_defaults(handler=lambda args: set_staff_pin(args.target))
    unlock = verbs.add_parser("staff-unlock", help="lift the lock after too many wrong staff PINs")
    unlock.set_defaults(handler=_unlock)


def set_staff_pin(target: Path | None, prompt: Prompt = getpass.getpass) -> int:
    try:
        first = prompt("New staff PIN (4 to 8 digits): ")
        check_pin_form(first)
        if prompt("The same PIN again: ") != first:
            print("kiosk: the two PINs differ; nothing was changed", file=sys.stderr)
            return 1
    except BadPin as exc:
        print(f"kiosk: {exc}; nothing was changed", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nkiosk: cancelled; nothing was changed", file=sys.stderr)
        return 1
    hashed = hash_pin(first)
    if target is None:
        print("Put these lines in the kiosk's configuration file:")
        print("[staff]")
        print(f'pin_hash = "{hashed}"')
        return 0
    try:
        write_pin_hash(target, hashed)
    except TomlEditError as exc:
        print(f"kiosk: {target}: {exc}", file=sys.stderr)
        print(f'The line to put under [staff] is: pin_hash = "{hashed}"', file=sys.stderr)
        return 2
    print(f"Staff PIN set in {target}; restart the kiosk to use it.")
    return 0


def _unlock(args: argparse.Namespace) -> int:
    from kiosk.storage import open_database
    from kiosk.storage.kiosk_schema import KIOSK_SCHEMA

    settings = load_config(args)
    opened = open_database(settings.data_dir / "kiosk.db", KIOSK_SCHEMA)
    try:
        opened.db.execute("DELETE FROM staff_lock")
    finally:
        opened.db.conn.close()
    print("Staff mode unlocked.")
    return 0
