"""Setting `[staff] pin_hash` in a TOML file in place, keeping everything else as it was.

No TOML writer ships with Python, so the edit is on lines, and it is checked: the result must
parse to exactly the old settings plus the new hash, or the file is left untouched. The new
file replaces the old one atomically (a power cut leaves one or the other, never half).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import tomllib
from pathlib import Path
from typing import Any

_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\s*(#.*)?$")
_PIN_LINE = re.compile(r"^\s*pin_hash\s*=")


class TomlEditError(Exception):
    """The file cannot be edited safely; the message says what to do by hand."""


def _section_of(line: str) -> str | None:
    match = _HEADER.match(line)
    return match.group(1).replace('"', "").replace(" ", "") if match else None


def set_staff_pin_hash(text: str, pin_hash: str) -> str:
    """`text` with `[staff] pin_hash` set to `pin_hash`."""
    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TomlEditError(f"the file is not valid TOML ({exc}); fix it first") from exc
    staff = before.get("staff", {})
    if not isinstance(staff, dict):
        raise TomlEditError("'staff' is not a [staff] section; edit the file by hand")
    value = json.dumps(pin_hash)  # a TOML basic string: the hash has no quotes or backslashes
    new_line = f"pin_hash = {value}"
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    section: str | None = ""
    header_at: int | None = None
    done = False
    for i, line in enumerate(lines):
        name = _section_of(line)
        if name is not None:
            section = name
            if name == "staff":
                header_at = i
            continue
        if section == "staff" and _PIN_LINE.match(line):
            lines[i] = new_line + newline
            done = True
            break
    if not done:
        if "pin_hash" in staff:
            # Set some other way (a dotted key, an inline table): too risky to rewrite.
            raise TomlEditError(
                "staff.pin_hash is not written as `pin_hash = ...` under [staff]; edit it by hand"
            )
        if header_at is not None:
            lines.insert(header_at + 1, new_line + newline)
        else:
            if lines and not lines[-1].endswith(("\n", "\r")):
                lines[-1] += newline
            if lines and lines[-1].strip():
                lines.append(newline)
            lines += [f"[staff]{newline}", new_line + newline]
    result = "".join(lines)
    _verify(before, result, pin_hash)
    return result


def _verify(before: dict[str, Any], result: str, pin_hash: str) -> None:
    try:
        after = tomllib.loads(result)
    except tomllib.TOMLDecodeError as exc:
        raise TomlEditError(f"the edit would break the file ({exc}); edit it by hand") from exc
    expected = json.loads(json.dumps(before))
    expected.setdefault("staff", {})["pin_hash"] = pin_hash
    if json.loads(json.dumps(after)) != expected:
        raise TomlEditError("the edit would change other settings; edit the file by hand")


def write_pin_hash(path: Path, pin_hash: str) -> None:
    """Update the file at `path` (created if missing), atomically, keeping its permissions."""
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise TomlEditError(f"{path} cannot be read ({exc})") from exc
    write_text_atomic(path, set_staff_pin_hash(text, pin_hash))


def write_text_atomic(path: Path, text: str) -> None:
    """Replace the file at `path` with `text` in one step: a power cut leaves the old file or
    the new one, never half. An existing file keeps its permissions; a new one is readable by
    its owner only (it holds a secret: a PIN hash, a hub token)."""
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o600
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise TomlEditError(f"{path} cannot be written ({exc})") from exc
