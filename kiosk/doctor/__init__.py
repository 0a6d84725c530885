"""`kiosk doctor`: a health check for technicians, one line per check with what to do.

Every check returns `Check`s; nothing here raises for what it finds (a broken config, a
missing printer, a full disk are findings, not tracebacks). Checks that need Qt (display,
fonts, printers) run in a child process (`kiosk.doctor.qt`), so a Qt that cannot start is a
finding too and the core never imports Qt.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from dataclasses import dataclass


class Level(enum.IntEnum):
    OK = 0
    WARNING = 1
    PROBLEM = 2


@dataclass(frozen=True)
class Check:
    name: str  # what was checked: "disk", "voice ar", "printer"...
    level: Level
    message: str  # what was found, precisely
    advice: str = ""  # what to do about it (empty when nothing is needed)

    def line(self) -> str:
        text = f"{self.level.name:<8} {self.name}: {self.message}"
        return f"{text} -> {self.advice}" if self.advice else text

    def as_dict(self) -> dict[str, str]:
        return {
            "name": self.name,
            "level": self.level.name,
            "message": self.message,
            "advice": self.advice,
        }


def ok(name: str, message: str) -> Check:
    return Check(name, Level.OK, message)


def warning(name: str, message: str, advice: str = "") -> Check:
    return Check(name, Level.WARNING, message, advice)


def problem(name: str, message: str, advice: str = "") -> Check:
    return Check(name, Level.PROBLEM, message, advice)


def exit_code(checks: Iterable[Check]) -> int:
    """0 when everything is OK, 1 with warnings, 2 with any problem."""
    return int(max((c.level for c in checks), default=Level.OK))


def summary(checks: list[Check]) -> str:
    counts = {level: sum(c.level is level for c in checks) for level in Level}
    return (
        f"doctor: {len(checks)} checks, {counts[Level.OK]} OK, "
        f"{counts[Level.WARNING]} warning(s), {counts[Level.PROBLEM]} problem(s)"
    )


def report_text(checks: list[Check]) -> str:
    return "\n".join([*(c.line() for c in checks), summary(checks)]) + "\n"


def report_json(checks: list[Check]) -> str:
    code = exit_code(checks)
    return json.dumps(
        {
            "status": Level(code).name,
            "exit_code": code,
            "checks": [c.as_dict() for c in checks],
        },
        ensure_ascii=False,
        indent=2,
    )


__all__ = [
    "Check",
    "Level",
    "exit_code",
    "ok",
    "problem",
    "report_json",
    "report_text",
    "summary",
    "warning",
]
