"""`kiosk enrol HUB_URL CODE --config FILE`: join an agency hub.

Exchanges the one-time code `hub add-kiosk` printed for this kiosk's own token, then writes
`[hub]` (url, kiosk_id, token) into the configuration file, keeping its comments and every
other setting; the edit is checked and atomic (as kiosk.staff.toml_edit does for the PIN).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

from kiosk import config
from kiosk.staff.toml_edit import TomlEditError, write_text_atomic

_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\s*(#.*)?$")
_URL = re.compile(r"https?://[^\s/]+(/\S*)?")


def register(verbs: argparse._SubParsersAction) -> None:
    enrol = verbs.add_parser("enrol", help="join an agency hub with a code from `hub add-kiosk`")
    enrol.add_argument("hub_url", metavar="HUB_URL", help="the hub's address, e.g. https://hub")
    enrol.add_argument("code", metavar="CODE", help="the one-time enrolment code")
    # Also accepted after the verb (the top-level --config works too); SUPPRESS keeps a
    # --config given before the verb.
    enrol.add_argument(
        "--config", type=Path, default=argparse.SUPPRESS, help="the configuration file to update"
    )
    enrol.set_defaults(handler=_enrol)


def set_section(text: str, section: str, values: dict[str, str]) -> str:
    """`text` with `[section]` holding `values` (strings), everything else as it was."""
    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TomlEditError(f"the file is not valid TOML ({exc}); fix it first") from exc
    table = before.get(section, {})
    if not isinstance(table, dict):
        raise TomlEditError(f"'{section}' is not a [{section}] section; edit the file by hand")
    if not values:  # only checking that the file can be edited
        return text
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    current: str | None = ""
    header_at: int | None = None
    todo = dict(values)
    for i, line in enumerate(lines):
        match = _HEADER.match(line)
        if match:
            current = match.group(1).replace('"', "").replace(" ", "")
            if current == section:
                header_at = i
            continue
        if current != section:
            continue
        for key in list(todo):
            if re.match(rf"^\s*{re.escape(key)}\s*=", line):
                lines[i] = f"{key} = {json.dumps(todo.pop(key))}{newline}"
    for key in todo:
        if key in table:  # set as a dotted key or inline table: too risky to rewrite
            raise TomlEditError(f"{section}.{key} is not written as `{key} = ...`; edit by hand")
    added = [f"{key} = {json.dumps(value)}{newline}" for key, value in todo.items()]
    if header_at is not None:
        lines[header_at + 1 : header_at + 1] = added
    elif added:
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        if lines and lines[-1].strip():
            lines.append(newline)
        lines += [f"[{section}]{newline}", *added]
    result = "".join(lines)
    try:
        after = tomllib.loads(result)
    except tomllib.TOMLDecodeError as exc:
        raise TomlEditError(f"the edit would break the file ({exc}); edit it by hand") from exc
    expected: dict[str, Any] = json.loads(json.dumps(before))
    expected.setdefault(section, {}).update(values)
    if json.loads(json.dumps(after)) != expected:
        raise TomlEditError("the edit would change other settings; edit the file by hand")
    return result


def write_section(path: Path, section: str, values: dict[str, str]) -> None:
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise TomlEditError(f"{path} cannot be read ({exc})") from exc
    # The file now holds a token: readable by its owner only when we create it.
    write_text_atomic(path, set_section(text, section, values))


def _enrol(args: argparse.Namespace) -> int:
    from kiosk.sync.hub import EnrolError, enrol

    path: Path | None = args.config or (
        Path(os.environ[config.ENV_CONFIG]) if os.environ.get(config.ENV_CONFIG) else None
    )
    if path is None:
        print("kiosk enrol: say which configuration file to update: --config FILE", file=sys.stderr)
        return 2
    url = args.hub_url.strip().rstrip("/")
    if not _URL.fullmatch(url):
        print(f"kiosk enrol: {args.hub_url!r} is not an http(s) address", file=sys.stderr)
        return 2
    if not path.parent.is_dir():
        print(f"kiosk enrol: the folder {path.parent} does not exist", file=sys.stderr)
        return 2
    try:
        set_section(path.read_text(encoding="utf-8") if path.exists() else "", "hub", {})
    except (TomlEditError, OSError, UnicodeDecodeError) as exc:
        # Checked before the code is spent: a code is good once.
        print(f"kiosk enrol: {path}: {exc}", file=sys.stderr)
        return 2
    try:
        answer = enrol(url, args.code)
    except EnrolError as exc:
        print(f"kiosk enrol: {exc}", file=sys.stderr)
        return 1
    try:
        write_section(
            path, "hub", {"url": url, "kiosk_id": answer["kiosk_id"], "token": answer["token"]}
        )
    except TomlEditError as exc:
        print(f"kiosk enrol: enrolled, but {exc}", file=sys.stderr)
        print(f"[hub]\nurl = {json.dumps(url)}\nkiosk_id = {json.dumps(answer['kiosk_id'])}")
        print(f"token = {json.dumps(answer['token'])}")
        return 1
    place = f" ({answer['place']})" if answer.get("place") else ""
    print(f"kiosk enrol: this kiosk is {answer['kiosk_id']}{place} at {url}")
    print(f"kiosk enrol: [hub] written to {path}; it reports at its next sync")
    return 0
