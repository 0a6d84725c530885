"""Qt, the display, fonts and printers: facts gathered by `ui.staff.probe` in a child process.

A child process because Qt aborts the whole process when its platform plugin cannot start
(a missing libxcb-cursor0, say): here that is one PROBLEM line, and the fonts and printers are
still checked on the offscreen platform.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from kiosk.doctor import Check, ok, problem, warning
from kiosk.languages import LANGUAGES

PROBE_TIMEOUT = 60
MIN_WIDTH, MIN_HEIGHT = 1280, 800  # the screens are laid out for this at least
FONT_ADVICE = (
    "install fonts-noto-core and fonts-dejavu-core (on Windows: the Arabic and Cyrillic fonts; "
    "Persian uses the Arabic ones)"
)

Facts = Mapping[str, Any]
Runner = Callable[[Sequence[str], Mapping[str, str]], tuple[int, str, str]]


def self_command() -> list[str]:
    """How to start this same kiosk again: the bundle's program, or `python -m kiosk`."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "kiosk"]


def _run(command: Sequence[str], env: Mapping[str, str]) -> tuple[int, str, str]:
    try:
        done = subprocess.run(
            list(command),
            env=dict(env),
            capture_output=True,
            text=True,
            timeout=PROBE_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return -1, "", f"no answer within {PROBE_TIMEOUT} s"
    except OSError as exc:
        return -1, "", str(exc)
    return done.returncode, done.stdout, done.stderr


def _facts(out: str) -> Facts | None:
    for line in reversed(out.strip().splitlines()):
        if line.startswith("{"):
            try:
                found = json.loads(line)
            except ValueError:
                return None
            return found if isinstance(found, dict) else None
    return None


def display_reason(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why there is no real screen to check, or None."""
    forced = environ.get("QT_QPA_PLATFORM", "")
    if forced in ("offscreen", "minimal"):
        return f"QT_QPA_PLATFORM={forced}: no real screen in this session"
    if (
        not forced
        and platform.startswith("linux")
        and not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
    ):
        return "no display in this session (DISPLAY and WAYLAND_DISPLAY are unset)"
    return None


def probe(
    languages: Sequence[str],
    environ: Mapping[str, str] | None = None,
    runner: Runner = _run,
) -> tuple[list[Check], Facts | None]:
    """Run the probe; returns the display checks and the facts (None if Qt never started)."""
    env = dict(os.environ if environ is None else environ)
    if not getattr(sys, "frozen", False):
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    command = [*self_command(), "doctor", "--qt-probe", ",".join(languages)]
    checks: list[Check] = []
    reason = display_reason(env)
    if reason is None:
        code, out, err = runner(command, env)
        facts = _facts(out) if code == 0 else None
        if facts is not None:
            return [_screen_check(facts)], facts
        last = (err.strip().splitlines() or ["no output"])[-1][:200]
        checks.append(
            problem(
                "display",
                f"Qt cannot open the display ({last})",
                "install the Qt runtime libraries (see the README: libxcb-cursor0, libegl1...) "
                "and start the kiosk from the desktop session",
            )
        )
    else:
        checks.append(
            warning(
                "display",
                reason + ": screen not checked",
                "run `kiosk doctor` again from the kiosk's desktop session",
            )
        )
    env["QT_QPA_PLATFORM"] = "offscreen"
    code, out, err = runner(command, env)
    facts = _facts(out) if code == 0 else None
    if facts is None:
        last = (err.strip().splitlines() or ["no output"])[-1][:200]
        checks.append(
            problem("Qt", f"Qt does not start even offscreen ({last})", "reinstall the kiosk")
        )
    return checks, facts


def _screen_check(facts: Facts) -> Check:
    screens = facts.get("screens") or []
    if not screens:
        return problem(
            "display", "Qt started but sees no screen", "connect and switch on the screen"
        )
    first = screens[0]
    width, height = int(first.get("width", 0)), int(first.get("height", 0))
    text = f"{facts.get('platform')}: {len(screens)} screen(s), primary {width}x{height}"
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return warning(
            "display",
            f"{text}, smaller than the {MIN_WIDTH}x{MIN_HEIGHT} the screens are made for",
            "use a larger screen or a higher resolution",
        )
    return ok("display", text)


def qt_version_check(facts: Facts) -> Check:
    pyside = str(facts.get("pyside", "?"))
    text = f"Qt {facts.get('qt', '?')}, PySide6 {pyside}"
    if not pyside.startswith("6.11."):
        return warning("Qt", text, "the kiosk is tested with PySide6 6.11 (6.12 crashes it)")
    return ok("Qt", text)


def font_checks(facts: Facts, languages: Sequence[str]) -> list[Check]:
    fonts: Mapping[str, Any] = facts.get("fonts") or {}
    found: list[Check] = []
    for code in languages:
        entry = fonts.get(code) or {}
        families = int(entry.get("families", 0))
        preferred = entry.get("preferred") or []
        if families == 0:
            found.append(
                problem(f"fonts {code}", f"no installed font can show {code} text", FONT_ADVICE)
            )
        elif not preferred:
            found.append(
                warning(
                    f"fonts {code}",
                    f"{families} font(s) can show {code}, but none of the kiosk's own "
                    "(Noto Sans, DejaVu Sans)",
                    FONT_ADVICE,
                )
            )
        else:
            found.append(ok(f"fonts {code}", f"{', '.join(preferred)} ({families} in all)"))
    shaping = facts.get("arabic")
    # Arabic and Persian (Dari) share the script: one shaping check covers both.
    arabic_script = [c for c in languages if c in LANGUAGES and LANGUAGES[c].script == "arabic"]
    if arabic_script and isinstance(shaping, Mapping):
        family = shaping.get("family", "?")
        if int(shaping.get("missing", 0)):
            found.append(
                problem(
                    "Arabic shaping",
                    f"{shaping['missing']} letter(s) of مرحبا have no glyph in {family}",
                    FONT_ADVICE,
                )
            )
        elif not shaping.get("shaped"):
            found.append(
                problem(
                    "Arabic shaping",
                    f"letters of مرحبا are drawn apart, not joined, with {family}",
                    FONT_ADVICE,
                )
            )
        else:
            found.append(ok("Arabic shaping", f"مرحبا is joined ({family})"))
    return found


def printer_checks(facts: Facts, configured: str) -> list[Check]:
    names = [str(n) for n in facts.get("printers") or []]
    default = str(facts.get("default_printer") or "")
    if facts.get("printers") is None:
        return [warning("printer", "printers could not be listed", "check CUPS is running")]
    if configured:
        if configured in names:
            return [ok("printer", f"{configured} (printer.name) is installed")]
        listed = ", ".join(names) if names else "none"
        return [
            problem(
                "printer",
                f"printer.name is {configured!r} but no such printer is installed "
                f"(installed: {listed})",
                "install it (CUPS: `lpadmin`, or the system settings) or correct printer.name "
                "(staff mode can change it)",
            )
        ]
    if default:
        return [ok("printer", f"default printer {default}")]
    if names:
        return [
            warning(
                "printer",
                f"{len(names)} printer(s) but no default one: printing has no target",
                "make one the default (`lpoptions -d NAME`) or set printer.name",
            )
        ]
    return [
        warning(
            "printer",
            "no printer installed: offers and CVs cannot be printed",
            "install the agency's printer (CUPS or the system settings)",
        )
    ]


def qt_checks(
    languages: Sequence[str],
    printer: str,
    environ: Mapping[str, str] | None = None,
    runner: Runner = _run,
) -> list[Check]:
    checks, facts = probe(languages, environ, runner)
    if facts is None:
        return checks
    return [
        qt_version_check(facts),
        *checks,
        *font_checks(facts, languages),
        *printer_checks(facts, printer),
    ]
