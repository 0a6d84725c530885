"""The kiosk's printer and voices as the hub's technicians need them (docs/hub-protocol.md).

The printer: what CUPS says of it (`lpstat`, run with a short timeout and its answer kept a
couple of minutes, so a heartbeat never waits on a hung CUPS more than once in a while), and
how the last print went. The UI's printing (ui/printer.py) calls `record_print`; the record
stays in this process's memory only: it is about this run, and costs nothing to keep.

The voices: the running kiosk's speaker registers its `problems` (kiosk/services.py) so the
sync thread can read them without Qt. No speaker registered (`kiosk sync` on its own) means
"not known", never "fine".
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

LPSTAT_TIMEOUT = 3.0  # seconds: CUPS answers in milliseconds when it is well
PRINTER_EVERY = 120.0  # seconds an lpstat answer is reused
_REASON_CHARS = 200

# CUPS's own words, for the technician; the states the hub counts as "needs a technician"
# are everything but these two (and "unknown": lpstat itself misbehaved, maybe briefly).
WORKING = frozenset({"idle", "printing"})

_lock = threading.Lock()
_printer_cache: dict[str, Any] = {}
_last_print: dict[str, Any] = {}
_speech_source: Callable[[], list[str]] | None = None


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _state(state: str, reason: str = "", name: str = "") -> dict[str, str]:
    return {"state": state, "reason": reason.strip()[:_REASON_CHARS], "cups_name": name}


def read_cups(name: str, timeout: float = LPSTAT_TIMEOUT) -> dict[str, str]:
    """{"state", "reason", "cups_name"} for printer `name` (empty: the system's default).

    state: idle, printing, disabled, rejecting (enabled but refusing jobs), not_found (no such
    printer, or no default), no_cups (no lpstat, or its scheduler is not running), unknown
    (lpstat timed out or failed in another way)."""
    try:
        done = subprocess.run(
            ["lpstat", "-d", "-p", "-a"],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            # CUPS's words in English whatever the kiosk's locale: they are parsed.
            env={**os.environ, "LC_ALL": "C", "LANG": "C"},
            check=False,
        )
    except FileNotFoundError:
        return _state("no_cups", "lpstat is not installed (no CUPS client)", name)
    except subprocess.TimeoutExpired:
        return _state("unknown", f"lpstat did not answer within {timeout:g} s", name)
    except OSError as exc:
        return _state("unknown", f"lpstat could not run: {exc}", name)
    return parse_lpstat(done.stdout, done.stderr, name)


def parse_lpstat(out: str, err: str, name: str) -> dict[str, str]:
    """The state of `name` (or of the default printer) in `lpstat -d -p -a`'s answer."""
    lower = f"{out}\n{err}".lower()
    if "scheduler is not running" in lower or "unable to connect" in lower:
        return _state("no_cups", first_line(err) or "the CUPS scheduler is not running", name)
    lines = out.splitlines()
    target = name
    if not target:
        for line in lines:
            if line.startswith("system default destination:"):
                target = line.split(":", 1)[1].strip()
        if not target:
            return _state("not_found", "no printer is set and the system has no default one")
    printer: tuple[str, str] | None = None  # (state, reason)
    accepting: bool | None = None
    refusal = ""
    for index, line in enumerate(lines):
        # A reason is the indented line that follows "... -" (disabled, not accepting).
        after = lines[index + 1] if index + 1 < len(lines) else ""
        following = after.strip() if line.endswith("-") and after[:1] in ("\t", " ") else ""
        if line.startswith(f"printer {target} "):
            rest = line[len(f"printer {target} ") :]
            if rest.startswith("is idle"):
                printer = ("idle", "")
            elif rest.startswith("now printing"):
                printer = ("printing", "")
            elif rest.startswith("disabled"):
                printer = ("disabled", following or "disabled")
            else:
                printer = ("unknown", rest)
        elif line.startswith(f"{target} accepting requests"):
            accepting = True
        elif line.startswith(f"{target} not accepting requests"):
            accepting = False
            refusal = following
    if printer is None:
        return _state("not_found", f"CUPS has no printer named {target}", target)
    state, reason = printer
    if state in WORKING and accepting is False:
        return _state("rejecting", refusal or "not accepting jobs", target)
    return _state(state, reason, target)


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def printer_state(name: str, now: float | None = None) -> dict[str, str]:
    """`read_cups`, reused for PRINTER_EVERY seconds (per configured name)."""
    now = time.monotonic() if now is None else now
    with _lock:
        cached = _printer_cache.get(name)
        if cached is not None and now - cached[0] < PRINTER_EVERY:
            return dict(cached[1])
    found = read_cups(name)
    with _lock:
        _printer_cache[name] = (now, found)
    return dict(found)


def record_print(ok: bool, reason: str = "", now: datetime | None = None) -> None:
    """What the last print did: handed to the printer, or why not (ui/printer.py calls it)."""
    with _lock:
        _last_print.clear()
        _last_print.update(ok=ok, at=_stamp(now), reason=reason.strip()[:_REASON_CHARS])


def last_print() -> dict[str, Any] | None:
    with _lock:
        return dict(_last_print) or None


def set_speech_source(source: Callable[[], list[str]] | None) -> None:
    """The running kiosk's speaker's `problems` (None: no speaker in this process)."""
    global _speech_source
    with _lock:
        _speech_source = source


def forget_speech_source(source: Callable[[], list[str]]) -> None:
    """Unregister `source` if it is still the registered one (a newer kiosk keeps its own)."""
    global _speech_source
    with _lock:
        if _speech_source == source:
            _speech_source = None


def speech_problems() -> list[str] | None:
    """The voices' problems now ([] when they work), or None when no speaker runs here."""
    with _lock:
        source = _speech_source
    if source is None:
        return None
    try:
        return [str(p)[:_REASON_CHARS] for p in source()][:5]
    except Exception as exc:  # a heartbeat must go even when the speaker misbehaves
        return [f"speech problems could not be read ({type(exc).__name__})"]
